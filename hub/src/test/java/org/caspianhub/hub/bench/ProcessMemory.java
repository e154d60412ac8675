package org.caspianhub.hub.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the local hub's process holds, as far as it can be told from inside: the kernel's resident
 * set, the JVM's heap and non-heap, its own native accounting (Native Memory Tracking, when the
 * JVM runs with it), and RocksDB's memory by Kafka Streams application (from the state-store
 * metrics each application registers in JMX). RocksDB allocates outside the JVM's accounting, so
 * resident memory less what NMT counts is RocksDB, malloc's arenas and other native libraries.
 */
final class ProcessMemory {

    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private ProcessMemory() {
    }

    /** Kernel figures from /proc/self/status, in bytes: VmRSS, RssAnon, RssFile. */
    static Map<String, Long> resident() throws IOException {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            for (String name : new String[] {"VmRSS", "RssAnon", "RssFile", "VmHWM"}) {
                if (line.startsWith(name + ":")) {
                    figures.put(name, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        }
        return figures;
    }

    static Map<String, Long> jvm() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("heap used", memory.getHeapMemoryUsage().getUsed());
        figures.put("heap committed", memory.getHeapMemoryUsage().getCommitted());
        figures.put("non-heap committed", memory.getNonHeapMemoryUsage().getCommitted());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            figures.put("buffers " + pool.getName(), pool.getMemoryUsed());
        }
        return figures;
    }

    /** NMT's committed bytes by category and in total; empty without -XX:NativeMemoryTracking. */
    static Map<String, Long> nativeMemoryTracking() {
        Map<String, Long> figures = new LinkedHashMap<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String summary = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher total = NMT_TOTAL.matcher(summary);
            if (total.find()) {
                figures.put("total", Long.parseLong(total.group(2)) * 1024);
            }
            Matcher category = NMT_CATEGORY.matcher(summary);
            while (category.find()) {
                figures.put(category.group(1).trim(), Long.parseLong(category.group(3)) * 1024);
            }
        } catch (Exception e) {
            // NMT not enabled: nothing to add
        }
        return figures;
    }

    /**
     * RocksDB memory of each Kafka Streams application in this process, by metric, summed over its
     * stores and the largest store's: a cache shared between stores is reported by each of them, so
     * for an application whose stores share one cache the largest store's figure is the cache's.
     */
    static Map<String, Map<String, Long>> streamsRocksDb() {
        Map<String, Map<String, Long>> byApplication = new TreeMap<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName("kafka.streams:type=stream-state-metrics,*"), null);
            for (ObjectName name : names) {
                String thread = name.getKeyProperty("thread-id");
                String application = thread == null ? "?" : thread.replaceAll("-[0-9a-f]{8}-[0-9a-f]{4}-.*$", "")
                        .replaceAll("-StreamThread-\\d+$", "");
                for (String metric : new String[] {"block-cache-usage", "cur-size-all-mem-tables", "estimate-table-readers-mem"}) {
                    try {
                        Object value = server.getAttribute(name, metric);
                        if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                            Map<String, Long> metrics = byApplication.computeIfAbsent(application, a -> new TreeMap<>());
                            metrics.merge(metric + " (sum over stores)", number.longValue(), Long::sum);
                            metrics.merge(metric + " (largest store)", number.longValue(), Math::max);
                        }
                    } catch (Exception e) {
                        // this store does not report that metric
                    }
                }
            }
        } catch (Exception e) {
            // no Kafka Streams metrics registered
        }
        return byApplication;
    }
}
