package org.simgan.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code java -jar simgan.jar COMMAND ...}: every command-line command of the project. */
public final class Main {

    /** The commands, in the order the help lists them. Each command adds one line here. */
    static List<Command> commands() {
        return List.of(
                new TrainCommand(),
                new RefineCommand(),
                new ExportCommand(),
                new RenderCommand(),
                new EvaluateCommand(),
                new GazeCommand(),
                new BenchCommand());
    }

    // freed on running out of memory, so that the message can still be printed
    private static volatile byte[] reserve;

    /** Runs the command on a thread with a large stack ({@link org.simgan.runtime.Engine#THREAD_STACK_BYTES}). */
    public static void main(String[] argv) throws InterruptedException {
        int[] code = {1};
        Thread worker = new Thread(null, () -> code[0] = run(argv), "simgan", org.simgan.runtime.Engine.THREAD_STACK_BYTES);
        worker.start();
        worker.join();
        System.exit(code[0]);
    }

    public static int run(String[] argv) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands()) byName.put(c.name(), c);
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            System.out.println("usage: java -jar simgan.jar COMMAND [options]   (COMMAND --help for its options)");
            System.out.println();
            for (Command c : byName.values()) {
                System.out.printf("  %-10s %s%n", c.name(), c.summary());
            }
            return argv.length == 0 ? 1 : 0;
        }
        Command command = byName.get(argv[0]);
        if (command == null) {
            System.err.println("simgan: unknown command '" + argv[0] + "'; commands: " + String.join(", ", byName.keySet()));
            return 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
        Args args = new Args(rest);
        if (args.flag("help")) {
            System.out.println(command.usage());
            return 0;
        }
        // made before the run: when the heap is exhausted, even building this message could fail
        String outOfMemory = "simgan " + command.name() + ": " + org.simgan.runtime.OutOfMemory.message(
                "give Java more with -Xmx, as in java -Xmx8g -jar simgan.jar " + command.name() + " ...");
        reserve = new byte[1 << 20];
        try {
            return command.run(args);
        } catch (Args.UsageException e) {
            System.err.println("simgan " + command.name() + ": " + e.getMessage());
            System.err.println(command.usage());
            return 2;
        } catch (org.simgan.progress.Stopped e) {
            System.err.println("simgan " + command.name() + ": " + e.getMessage());
            return 130;
        } catch (OutOfMemoryError e) {
            reserve = null;
            System.err.println(outOfMemory);
            return 1;
        } catch (Exception e) {
            System.err.println("simgan " + command.name() + ": " + describe(e));
            if (System.getenv("SIMGAN_DEBUG") != null) e.printStackTrace();
            return 1;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
