package org.caspianhub.testkit.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
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

    /**
     * CPU time so far of every thread of this process as the operating system names them (Linux
     * {@code /proc/self/task}), summed by name with digits replaced by {@code N}: unlike
     * {@link #byThreadGroup()} this includes the JVM's own threads (GC, JIT) and native ones
     * (RocksDB's compactions). Empty where /proc is not available.
     */
    public static Map<String, Long> byOsThreadName() {
        Map<String, Long> cpu = new HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return cpu;
        }
        for (File task : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N");
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                cpu.merge(name, ticks * 10_000_000L, Long::sum); // USER_HZ 100
            } catch (IOException | RuntimeException e) {
                // the thread ended while we looked
            }
        }
        return cpu;
    }
}
