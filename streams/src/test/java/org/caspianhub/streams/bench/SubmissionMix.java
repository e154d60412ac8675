package org.caspianhub.streams.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;

/**
 * A realistic stream of submissions from two parties: mostly indicators seen for the first time
 * (domains, addresses, URLs, hashes), a share of re-submissions of what the same party already
 * said, a share of cross-party overlaps (the other party reports the same value), a few invalid
 * values, a few incident references. TLP as a CERT community uses it: mostly GREEN and AMBER.
 */
final class SubmissionMix {

    /** One submission and the party topic it goes to. */
    record Item(String party, IndicatorSubmission submission) {
    }

    static final double INVALID = 0.02;
    static final double RESUBMISSION = 0.10;
    static final double OVERLAP = 0.08;
    static final double WITH_REFERENCE = 0.03;

    private final Random random;
    private final String[] parties;
    private final String prefix;
    private final List<Item> seen = new ArrayList<>();
    private long counter;
    int invalid;
    int resubmissions;
    int overlaps;
    int unique;

    SubmissionMix(long seed, String prefix, String... parties) {
        this.random = new Random(seed);
        this.parties = parties;
        this.prefix = prefix;
    }

    /** The next submission; its time is set by the caller when it is sent. */
    Item next(Instant submittedAt) {
        double roll = random.nextDouble();
        String party = parties[random.nextInt(parties.length)];
        if (roll < INVALID) {
            invalid++;
            // a truncated hash declared as sha256, or text that is no indicator at all
            String value = random.nextBoolean() ? hex(32).substring(1) : "not an indicator " + counter++;
            return new Item(party, base(party, value, submittedAt).setType(IndicatorType.SHA256).build());
        }
        if (roll < INVALID + RESUBMISSION && !seen.isEmpty()) {
            resubmissions++;
            Item earlier = seen.get(random.nextInt(seen.size()));
            return new Item(earlier.party(), base(earlier.party(), earlier.submission().getValue(), submittedAt)
                    .setTlp(earlier.submission().getTlp()).build());
        }
        if (roll < INVALID + RESUBMISSION + OVERLAP && !seen.isEmpty()) {
            overlaps++;
            Item earlier = seen.get(random.nextInt(seen.size()));
            String other = earlier.party().equals(parties[0]) ? parties[parties.length - 1] : parties[0];
            Item item = new Item(other, base(other, earlier.submission().getValue(), submittedAt).build());
            return item;
        }
        unique++;
        IndicatorSubmission.Builder builder = base(party, freshValue(), submittedAt);
        if (random.nextDouble() < WITH_REFERENCE) {
            builder.setReferences(List.of("incident:" + prefix.toUpperCase() + "-" + random.nextInt(200)));
        }
        Item item = new Item(party, builder.build());
        if (seen.size() < 200_000) {
            seen.add(item);
        } else {
            seen.set(random.nextInt(seen.size()), item);
        }
        return item;
    }

    private IndicatorSubmission.Builder base(String party, String value, Instant submittedAt) {
        return IndicatorSubmission.newBuilder()
                .setSubmissionId(UUID.randomUUID().toString())
                .setParty(party)
                .setAction(SubmissionAction.SUBMIT)
                .setValue(value)
                .setTlp(tlp())
                .setConfidence(40 + random.nextInt(60))
                .setSeverity(Severity.values()[1 + random.nextInt(5)])
                .setTags(List.of(random.nextBoolean() ? "c2" : "phishing"))
                .setChannel(random.nextBoolean() ? SourceChannel.FEED : SourceChannel.ANALYST)
                .setSubmitter(random.nextBoolean() ? "feed-abuse-ch" : "analyst-" + random.nextInt(20))
                .setSubmittedAt(submittedAt);
    }

    private Tlp tlp() {
        int r = random.nextInt(100);
        if (r < 10) {
            return Tlp.CLEAR;
        }
        if (r < 55) {
            return Tlp.GREEN;
        }
        if (r < 90) {
            return Tlp.AMBER;
        }
        return r < 95 ? Tlp.AMBER_STRICT : Tlp.RED;
    }

    private String freshValue() {
        long i = counter++;
        int type = random.nextInt(100);
        if (type < 30) {
            return prefix + "-" + i + "-" + WORDS[(int) (i % WORDS.length)] + "." + TLDS[(int) (i % TLDS.length)];
        }
        if (type < 55) {
            // public unicast space outside every special-purpose range
            long n = (i * 2654435761L) & 0xFFFFFFL;
            return FIRST_OCTETS[(int) (i % FIRST_OCTETS.length)] + "." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff)
                    + "." + (1 + (n & 0xfd));
        }
        if (type < 75) {
            return "https://" + prefix + "-cdn" + (i % 5_000) + "." + TLDS[(int) (i % TLDS.length)] + "/"
                    + WORDS[(int) (i % WORDS.length)] + "/" + i + ".php?id=" + (i % 97);
        }
        if (type < 90) {
            return hex(32);
        }
        if (type < 95) {
            return hex(16);
        }
        return "2a0" + (1 + i % 9) + ":4f8:" + Long.toHexString(i & 0xffff) + "::" + Long.toHexString((i >> 16) & 0xffff);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static final String[] WORDS = {"login", "update", "secure", "cdn", "mail", "account", "verify", "drive"};
    private static final String[] TLDS = {"net", "org", "com", "ru", "xyz", "top", "info", "biz"};
    private static final int[] FIRST_OCTETS = {5, 31, 37, 45, 46, 77, 78, 79, 80, 81, 82, 85, 87, 88, 89, 91, 93, 94,
        95, 103, 104, 109, 141, 146, 151, 154, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217};
}
