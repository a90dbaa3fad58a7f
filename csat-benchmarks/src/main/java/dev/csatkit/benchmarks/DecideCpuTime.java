package dev.csatkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link EngineDecideBenchmark}'s two operations timed by the thread's CPU time, in alternating
 * rounds on one thread, for machines busy with other work: there JMH's wall-clock scores swing
 * with the scheduler, while the CPU time a thread spends per operation barely moves. Prints
 * each round and the median ratio (the baseline's time over the engine's, as for throughput).
 *
 * <p>{@code java -Xms6g -Xmx6g -cp csat-benchmarks/target/benchmarks.jar
 * dev.csatkit.benchmarks.DecideCpuTime [operations per round] [rounds]}
 */
public final class DecideCpuTime {

    private DecideCpuTime() {
    }

    /**
     * @param args operations per round (default 2 000 000) and rounds (default 9)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        EngineDecideBenchmark b = new EngineDecideBenchmark();
        b.setUp();
        double[] ratios = new double[rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += b.engineDecide().hashCode();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += b.caffeinePutIfAbsent().hashCode();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            double engine = (t1 - t0) / (double) n;
            double baseline = (t2 - t1) / (double) n;
            ratios[round] = baseline / engine;
            System.out.printf("round %d: engineDecide %.0f ns, caffeinePutIfAbsent %.0f ns, ratio %.2f%n", round + 1,
                    engine, baseline, ratios[round]);
        }
        java.util.Arrays.sort(ratios);
        System.out.printf("median ratio %.2f (%d)%n", ratios[rounds / 2], sink & 1);
    }
}
