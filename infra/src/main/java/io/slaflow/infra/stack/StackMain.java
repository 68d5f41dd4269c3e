package io.slaflow.infra.stack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack in the foreground until Ctrl-C:
 * {@code java -cp … io.slaflow.infra.stack.StackMain [--state DIR] [--partitions N]}.
 * The real command line lives in jobs/; this is for trying the stack on its own.
 */
public final class StackMain {

    private StackMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path state = Path.of(System.getProperty("user.home"), ".slaflow", "stack");
        int partitions = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(value(args, ++i, "--state"));
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, "--partitions"));
                default -> usage("unknown argument: " + args[i]);
            }
        }
        LocalStack stack = LocalStack.start(state);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C runs shutdown hooks: stop the stack there, in order, and let main finish.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            stopped.countDown();
                        },
                        "stop-stack"));
        stack.createContractTopics(partitions);
        System.out.println();
        System.out.println("Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
        System.out.println("Elasticsearch:           " + stack.elasticsearch().httpUrl());
        System.out.println("Logs:                    " + stack.location().stateDir());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: StackMain [--state DIR] [--partitions N]   (default state: ~/.slaflow/stack)");
        System.exit(2);
    }
}
