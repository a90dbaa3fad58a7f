package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.support.Masking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a separate process on the built {@code csat.jar}, with every logger at debug level:
 * no customer's phone number or email address appears in any log line, in what it prints or in
 * any file it writes; no comment a customer wrote appears in any log line; and nothing logged
 * leads back from a masked number to the number.
 *
 * <p>Comments do appear where they are the report's content: the low-score list the demo prints
 * and the {@code comment} column and low-score list of the files it writes.
 */
class DemoPrivacyIT {

    private static final int INTERACTIONS = 1500;
    private static final long SEED = 7;

    @TempDir
    static Path dir;

    private static String out;
    private static List<String> logLines;
    private static Map<String, String> files;
    private static Population people;

    @BeforeAll
    static void runTheDemoWithDebugLogging() throws Exception {
        Path jar = Path.of(System.getProperty("csat.jar", "target/csat.jar"));
        assertThat(jar).exists();
        Path output = dir.resolve("out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-jar", jar.toString(), "demo",
                "--interactions", String.valueOf(INTERACTIONS), "--seed", String.valueOf(SEED), "--days", "3",
                "--output", output.toString()).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the demo ends").isTrue();
        out = new String(stdout.get(), StandardCharsets.UTF_8);
        String err = new String(stderr.get(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err.lines().limit(20).toList().toString()).isZero();
        logLines = err.lines().toList();
        files = new LinkedHashMap<>();
        try (Stream<Path> written = Files.list(output)) {
            for (Path f : written.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".xlsx")) {
                    files.put(name, unzipText(f));
                } else if (!name.endsWith(".png")) {
                    files.put(name, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        people = HelpdeskSimulation.population(new DemoSettings(3, INTERACTIONS, SEED, DemoSettings.DEFAULT_START),
                new SplittableRandom(SEED));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unzipText(Path xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith(".xml")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** Each customer's phone number (its digits) and email address. */
    private static List<String> addresses() {
        List<String> all = new ArrayList<>();
        for (Population.Customer c : people.all()) {
            String phone = c.contact().addresses().get(ChannelKind.SMS);
            if (phone != null) {
                all.add((phone.startsWith("+") ? "+" : "") + phone.replaceAll("[^0-9]", ""));
            }
            String email = c.contact().addresses().get(ChannelKind.EMAIL);
            if (email != null) {
                all.add(email);
            }
        }
        return all;
    }

    @Test
    void theRunLoggedAtDebugLevel() {
        assertThat(logLines).anyMatch(l -> l.contains(" DEBUG "));
        assertThat(logLines).anyMatch(l -> l.matches(".*(sent to|not sent to) (\\+\\d{1,3})?\\*\\*\\*\\d\\d.*"));
        assertThat(logLines).anyMatch(l -> l.contains("***@"));
        assertThat(files).containsKeys("responses-five.csv", "report.json", "report.xlsx");
    }

    @Test
    void noPhoneNumberOrEmailAddressAnywhere() {
        List<String> addresses = addresses();
        assertThat(addresses).hasSizeGreaterThan(500);
        String logs = String.join("\n", logLines);
        Map<String, String> everything = new LinkedHashMap<>(files);
        everything.put("log", logs);
        everything.put("standard output", out);
        everything.forEach((where, text) -> {
            String digits = text.replaceAll("[^0-9\\n]", " ");
            for (String a : addresses) {
                if (a.contains("@")) {
                    assertThat(text).as("%s shows an email address", where).doesNotContain(a);
                } else {
                    // The number itself, and its national part (everything after the country code),
                    // also with separators between its digits.
                    String national = a.startsWith("+") ? a.substring(1 + Masking.callingCode(a.substring(1)).length())
                            : a;
                    assertThat(text).as("%s shows a phone number", where).doesNotContain(a);
                    assertThat(digits).as("%s shows a phone number", where).doesNotContain(national);
                }
            }
        });
    }

    @Test
    void noCommentInAnyLogLine() {
        List<String> comments = new ArrayList<>();
        for (String language : List.of("en", "fr", "sv", "ru", "uk", "pl", "de", "es")) {
            for (Phrasebook.Tone tone : Phrasebook.Tone.values()) {
                comments.addAll(Phrasebook.comments(language, tone));
            }
        }
        assertThat(comments).hasSizeGreaterThan(40);
        assertThat(out).as("the demo's customers did write comments").containsAnyOf(comments.toArray(String[]::new));
        for (String line : logLines) {
            for (String comment : comments) {
                assertThat(line).as("a log line shows a customer's comment").doesNotContain(comment);
            }
        }
    }

    @Test
    void noWayBackFromAMaskToItsNumber() throws Exception {
        // A mask tells the country code and the last two digits, never the length ...
        Pattern mask = Pattern.compile("(\\+\\d{1,3})?\\*{3,}\\d*");
        for (String line : logLines) {
            Matcher m = mask.matcher(line);
            while (m.find()) {
                assertThat(m.group()).as(line).matches("(\\+\\d{1,3})?\\*\\*\\*(\\d\\d)?");
            }
        }
        // ... and nothing logged beside it is derived from the address: no hash code, no digest.
        String logs = String.join("\n", logLines);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String a : addresses()) {
            String address = a;
            int h = address.hashCode();
            for (String derived : List.of(Integer.toString(h), Integer.toHexString(h), Integer.toUnsignedString(h),
                    HexFormat.of().formatHex(sha.digest(address.getBytes(StandardCharsets.UTF_8))).substring(0, 12))) {
                if (derived.length() >= 6) {
                    assertThat(logs).as("a log line carries a value derived from %s", "an address")
                            .doesNotContain(derived);
                }
            }
        }
        // The opt-out confirmations went out under keys that are random, not derived from the address.
        assertThat(logLines).anyMatch(l -> l.matches(".*key optout:[0-9a-f-]{36}.*"));
    }
}
