package org.simgan.cli;

/** One command of {@code java -jar simgan.jar COMMAND ...}. */
public interface Command {
    /** The word that selects this command. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Usage text shown by {@code --help} and on a usage error. */
    String usage();

    /** Runs the command; returns the process exit code. */
    int run(Args args) throws Exception;
}
