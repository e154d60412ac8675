package org.caspianhub.testkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time for the benchmarks: the whole process's (broker, clients and service together), which
 * other load on the machine does not inflate as it does wall time, and each thread's, to see which
 * part of the process spent it.
 */
public final class CpuClock {

    private CpuClock() {
    }

    /** CPU time of this whole process so far, every thread included. */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time so far of each live thread, by {@code name#id}. */
    public static Map<String, Long> byThread() {
        return collect(info -> info.getThreadName() + "#" + info.getThreadId());
    }

    /** CPU time so far of the live threads, summed by name with its numbers replaced by {@code N}. */
    public static Map<String, Long> byThreadGroup() {
        return collect(info -> info.getThreadName().replaceAll("[0-9]+", "N"));
    }

    private static Map<String, Long> collect(java.util.function.Function<ThreadInfo, String> name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.merge(name.apply(info), nanos, Long::sum);
                }
            }
        }
        return cpu;
    }
}
