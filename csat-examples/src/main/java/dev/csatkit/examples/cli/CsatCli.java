package dev.csatkit.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code csat} command line: {@code java -jar csat.jar <command> [options]}.
 */
public final class CsatCli {

    /** Exit code for a command-line mistake. */
    public static final int USAGE = 2;

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
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            printHelp(args.isEmpty() ? err : out);
            return args.isEmpty() ? USAGE : 0;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("csat: unknown command '" + args.get(0) + "'");
            printHelp(err);
            return USAGE;
        }
        return command.run(args.subList(1, args.size()), in, out, err);
    }

    private void printHelp(PrintStream to) {
        to.println("usage: java -jar csat.jar <command> [options]");
        to.println();
        for (Command c : commands.values()) {
            to.println("  " + c.usage());
        }
    }
}
