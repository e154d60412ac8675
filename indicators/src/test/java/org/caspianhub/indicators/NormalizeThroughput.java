package org.caspianhub.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.warninglist.Warninglists;

/**
 * Prints how many values per second the normalizer (and, separately, normalizer plus warninglist
 * lookup) handles on a mixed sample like a feed's: addresses, domains, defanged URLs, emails,
 * hashes, CVEs, ASNs, with a few invalid values. Not a test: figures for the docs.
 *
 * <p>Run (the argument is seconds per scenario, default 5):
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -q -pl indicators test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.caspianhub.indicators.NormalizeThroughput -Dexec.args=6
 * </pre>
 */
public final class NormalizeThroughput {

    private NormalizeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<String> sample = sample(20_000, new Random(42));
        IndicatorNormalizer normalizer = new IndicatorNormalizer();
        long start = System.nanoTime();
        Warninglists warninglists = Warninglists.bundled();
        System.out.printf(Locale.ROOT, "warninglists: %d lists loaded in %.0f ms%n", warninglists.lists().size(),
                (System.nanoTime() - start) / 1e6);

        long invalid = sample.stream().filter(v -> normalizer.normalize(v, null) instanceof Normalized.Invalid).count();
        System.out.printf(Locale.ROOT, "sample: %d values, %.1f%% invalid%n", sample.size(), 100.0 * invalid / sample.size());

        round(sample, 1, seconds, v -> normalizer.normalize(v, null)); // warm-up: let the JIT compile
        run("normalize, 1 thread", sample, 1, seconds, v -> normalizer.normalize(v, null));
        run("normalize, 2 threads", sample, 2, seconds, v -> normalizer.normalize(v, null));
        run("normalize + warninglists, 1 thread", sample, 1, seconds, v -> {
            Normalized n = normalizer.normalize(v, null);
            return n instanceof Normalized.Valid valid ? warninglists.matches(valid) : n;
        });
        run("normalize + warninglists, 2 threads", sample, 2, seconds, v -> {
            Normalized n = normalizer.normalize(v, null);
            return n instanceof Normalized.Valid valid ? warninglists.matches(valid) : n;
        });
    }

    /** Three rounds; prints the median and the best, since other work on the machine makes single rounds noisy. */
    private static void run(String label, List<String> sample, int threads, double seconds,
                            Function<String, Object> work) throws Exception {
        double[] rates = new double[3];
        for (int round = 0; round < rates.length; round++) {
            rates[round] = round(sample, threads, seconds / rates.length, work);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-38s median %,11.0f values/s   best %,11.0f values/s%n", label, rates[1], rates[2]);
    }

    private static double round(List<String> sample, int threads, double seconds, Function<String, Object> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            futures.add(pool.submit(() -> {
                long done = 0;
                int sink = 0;
                while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 1000; i++) {
                        sink += work.apply(sample.get((int) ((done + offset + i) % sample.size()))).hashCode();
                    }
                    done += 1000;
                }
                return done + (sink == 42 ? 1 : 0); // use the results, so the JIT cannot drop the work
            }));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    /** A feed-like mix: mostly addresses, domains and URLs, often defanged; about 3% invalid. */
    static List<String> sample(int size, Random random) {
        List<String> out = new ArrayList<>(size);
        String[] tlds = {"com", "net", "org", "ru", "ir", "az", "co.uk", "info", "xyz", "example"};
        String[] words = {"login", "secure", "update", "cdn", "mail", "portal", "bank", "pay", "files", "api"};
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(100);
            String domain = words[random.nextInt(words.length)] + random.nextInt(100_000) + "." + tlds[random.nextInt(tlds.length)];
            String ipv4 = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            String value;
            if (kind < 25) {
                value = random.nextBoolean() ? ipv4 : ipv4.replace(".", "[.]");
            } else if (kind < 30) {
                value = String.format("2001:DB8:%x:%x::%x", random.nextInt(65536), random.nextInt(65536), random.nextInt(65536));
            } else if (kind < 33) {
                value = ipv4.substring(0, ipv4.lastIndexOf('.')) + ".0/24";
            } else if (kind < 53) {
                value = random.nextBoolean() ? domain : domain.replace(".", "[.]").toUpperCase(Locale.ROOT);
            } else if (kind < 73) {
                value = (random.nextBoolean() ? "hxxps://" : "http://") + domain + "/" + words[random.nextInt(words.length)]
                        + "/index.php?id=" + random.nextInt(1000) + (random.nextBoolean() ? "&ref=a%2fb" : "");
            } else if (kind < 78) {
                value = "user" + random.nextInt(1000) + "[at]" + domain;
            } else if (kind < 92) {
                int[] lengths = {32, 40, 64, 128};
                value = hex(random, lengths[random.nextInt(lengths.length)]);
            } else if (kind < 95) {
                value = "CVE-20" + (10 + random.nextInt(16)) + "-" + (1000 + random.nextInt(90_000));
            } else if (kind < 97) {
                value = "AS" + (1 + random.nextInt(400_000));
            } else {
                value = switch (random.nextInt(4)) {
                    case 0 -> hex(random, 63);
                    case 1 -> "010." + ipv4.substring(ipv4.indexOf('.') + 1);
                    case 2 -> "intranet" + random.nextInt(100) + ".lan";
                    default -> "javascript:alert(" + random.nextInt(100) + ")";
                };
            }
            out.add(value);
        }
        return out;
    }

    private static String hex(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }

}
