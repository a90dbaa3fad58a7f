package dev.csatkit.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that is itself a module, compiled and run with every published CSAT Kit module (and the
 * examples jar) on the module path: each is found under its own name, none as a module named after
 * its file, and the reference adapters' providers are found through the module system.
 */
class ModulePathHostIT {

    /** Every published module and its name. */
    static final List<String> MODULES = List.of("dev.csatkit.channels.spi", "dev.csatkit.channels.support",
            "dev.csatkit.channels.tck", "dev.csatkit.core", "dev.csatkit.store.tck", "dev.csatkit.channels.email",
            "dev.csatkit.channels.webhook", "dev.csatkit.store.postgres", "dev.csatkit.testing", "dev.csatkit.examples");

    @TempDir
    Path dir;

    /** The test class path as a module path: the dependencies, the examples jar, no test classes. */
    static List<String> modulePath() {
        List<String> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            // Test fixtures (test-classes, -tests.jar) share their modules' packages: no host has them.
            if (Files.exists(p) && !p.endsWith("test-classes") && !entry.endsWith("-tests.jar")
                    && !entry.contains("csat-examples")
                    && !entry.contains("surefire") && !entry.contains("failsafe")) {
                path.add(entry);
            }
        }
        path.add(System.getProperty("csat.examples.jar", "target/csat-examples-0.1.0-SNAPSHOT.jar"));
        return path;
    }

    @Test
    void everyPublishedModuleHasItsOwnName() {
        Set<String> found = new TreeSet<>();
        for (String entry : modulePath()) {
            if (entry.contains("csat-") || entry.contains("dev/csatkit")) {
                for (ModuleReference ref : ModuleFinder.of(Path.of(entry)).findAll()) {
                    ModuleDescriptor d = ref.descriptor();
                    found.add(d.name());
                }
            }
        }
        assertThat(found).containsAll(MODULES);
        ModuleDescriptor examples = ModuleFinder.of(Path.of(System.getProperty("csat.examples.jar",
                "target/csat-examples-0.1.0-SNAPSHOT.jar"))).findAll().iterator().next().descriptor();
        assertThat(examples.name()).isEqualTo("dev.csatkit.examples");
        assertThat(examples.isAutomatic()).as("named by Automatic-Module-Name, the only automatic one").isTrue();
    }

    @Test
    void aModularHostCompilesAndRunsAgainstEveryModule() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("com/example/host"));
        Files.writeString(src.resolve("module-info.java"), "module com.example.host {\n"
                + MODULES.stream().map(m -> "    requires " + m + ";\n").collect(Collectors.joining())
                + "    uses dev.csatkit.channels.spi.ChannelProvider;\n}\n");
        Files.writeString(src.resolve("com/example/host/Main.java"), """
                package com.example.host;

                import dev.csatkit.channels.spi.ChannelProvider;
                import java.util.ServiceLoader;
                import java.util.TreeSet;

                public class Main {
                    public static void main(String[] args) {
                        TreeSet<String> types = new TreeSet<>();
                        ServiceLoader.load(ChannelProvider.class).forEach(p -> types.add(p.type()));
                        System.out.println(types);
                        System.out.println(dev.csatkit.scale.RatingScales.fivePoint().id());
                        System.out.println(dev.csatkit.testing.SettableClock.class.getModule().getName());
                        System.out.println(dev.csatkit.store.postgres.PostgresSurveyStore.class.getModule().getName());
                        System.out.println(dev.csatkit.channels.tck.ChannelContractTest.class.getModule().getName());
                        System.out.println(dev.csatkit.store.tck.SurveyStoreContractTest.class.getModule().getName());
                        System.out.println(dev.csatkit.examples.cli.CsatCli.class.getModule().getName());
                    }
                }
                """);
        String modulePath = String.join(File.pathSeparator, modulePath());
        Path classes = dir.resolve("mods/com.example.host");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "--release", "17",
                "--module-path", modulePath, "-d", classes.toString(), src.resolve("module-info.java").toString(),
                src.resolve("com/example/host/Main.java").toString());
        assertThat(code).as("javac says:%n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + modulePath, "--module",
                "com.example.host/com.example.host.Main").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("[console-sms, scripted-ivr, smtp-email, webhook-chat]\nfive\ndev.csatkit.testing\n"
                + "dev.csatkit.store.postgres\ndev.csatkit.channels.tck\ndev.csatkit.store.tck\ndev.csatkit.examples\n");
    }
}
