package dev.csatkit.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the {@code csat} command line. Streams are passed in, never taken from
 * {@link System}, so tests run commands in-process.
 */
public interface Command {

    /** @return the word that selects this command, such as {@code parse} */
    String name();

    /** @return a one-line summary with the command's options, for {@code csat help} */
    String usage();

    /**
     * @return what {@code csat COMMAND --help} prints: the usage, what the command does and each
     *     option with its default
     */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the process exit code: 0 on success, 2 for a usage error, 1 for anything else
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}
