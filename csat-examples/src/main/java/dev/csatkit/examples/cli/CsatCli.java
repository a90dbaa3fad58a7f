package dev.csatkit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code csat} command line: {@code java -jar csat.jar <command> [options]}.
 *
 * <p>{@code csat --help} (or {@code -h}, {@code help}) lists the commands, {@code csat --version}
 * prints the version, and {@code csat COMMAND --help} (or {@code -h}) describes one command; each
 * of these exits with 0. A mistake on the command line exits with {@link #USAGE}.
 */
public final class CsatCli {

    /** Exit code for a command-line mistake: an unknown option, a bad value, a file that cannot be used. */
    public static final int USAGE = 2;

    /** The path of the jar, as built, from the repository root. */
    static final String JAR = "csat-examples/target/csat.jar";

    private static final List<String> HELP = List.of("--help", "-h");

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** Creates the command line with every built-in command. */
    public CsatCli() {
        register(new DemoCommand());
        register(new ScalesCommand());
        register(new ReportCommand());
        register(new ParseCommand());
    }

    private void register(Command command) {
        commands.put(command.name(), command);
    }

    /**
     * Entry point.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new CsatCli().run(List.of(args), System.in, out, err);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs one command line in-process.
     *
     * @param args the command and its options
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            printHelp(err);
            return USAGE;
        }
        String first = args.get(0);
        if (first.equals("help") || HELP.contains(first)) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                out.print(commands.get(args.get(1)).help());
                return 0;
            }
            if (args.size() > 1) {
                err.println("csat: unknown command '" + args.get(1) + "'");
                printHelp(err);
                return USAGE;
            }
            printHelp(out);
            return 0;
        }
        if (first.equals("--version") || first.equals("-V") || first.equals("version")) {
            out.println("csat " + version() + " (CSAT Kit), Java " + Runtime.version());
            return 0;
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("csat: unknown command '" + first + "'");
            printHelp(err);
            return USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.stream().anyMatch(HELP::contains)) {
            out.print(command.help());
            return 0;
        }
        return command.run(rest, in, out, err);
    }

    /** @return the version this command line was built as, such as {@code 0.1.0} */
    static String version() {
        try (InputStream in = CsatCli.class.getResourceAsStream("version.properties")) {
            return version(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param properties the build's {@code version.properties}, or null when the jar has none
     * @return the version it names, or {@code (unknown version)}
     * @throws IOException when it cannot be read
     */
    static String version(@Nullable InputStream properties) throws IOException {
        if (properties == null) {
            return "(unknown version)";
        }
        Properties p = new Properties();
        p.load(properties);
        return p.getProperty("version", "(unknown version)");
    }

    private void printHelp(PrintStream to) {
        to.println("usage: java -jar " + JAR + " <command> [options]");
        to.println();
        to.println("commands:");
        for (Command c : commands.values()) {
            to.println("  " + c.usage());
        }
        to.println();
        to.println("  java -jar " + JAR + " <command> --help   what a command does and its options");
        to.println("  java -jar " + JAR + " --version          the version");
        to.println();
        to.println("Exit codes: 0 done, 1 failed while working, 2 a mistake on the command line or a file that");
        to.println("cannot be used (named with the reason).");
    }
}
