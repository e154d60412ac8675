package org.caspianhub.producers.knowledge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;

/**
 * A compact binary form of an {@link IndicatorView} for the store (the issue 15 disk budget is per
 * indicator for the whole hub): variable-length integers, times as differences, enums as their
 * ordinal (Avro enums only ever append symbols). The key is not repeated: the store key holds it.
 * A leading format byte lets a later build refuse, and rebuild, a store it cannot read.
 */
public final class ViewCodec {

    static final int FORMAT = 2;

    private ViewCodec() {
    }

    public static byte[] encode(IndicatorView v) {
        Out out = new Out(96 + 64 * v.alerts().size());
        out.varint(FORMAT);
        out.varint(v.type().ordinal());
        out.string(v.value());
        out.varint(v.status().ordinal());
        out.varint(v.score());
        out.varint(v.severity().ordinal());
        out.varint(v.tlp().ordinal());
        out.varlong(v.asOf());
        out.zigzag(v.asOf() - v.firstSeen());
        out.zigzag(v.lastSeen() - v.firstSeen());
        out.zigzag(v.validUntil() == null ? 0 : v.validUntil() - v.firstSeen() + (v.validUntil() >= v.firstSeen() ? 1 : -1));
        out.strings(v.parties());
        out.strings(v.tags());
        out.strings(v.references());
        out.varint(v.sightings());
        out.varint(v.falsePositives());
        out.varint(v.fromChange() ? 1 : 0);
        out.varlong(v.version());
        out.varint(v.related().size());
        for (IndicatorView.Related r : v.related()) {
            out.string(r.correlationId());
            out.varint(r.kind().ordinal());
            out.varint(r.type() == null ? 0 : r.type().ordinal() + 1);
            out.nullable(r.value());
            out.nullable(r.reference());
            out.strings(r.parties());
            out.nullable(r.detail());
            out.varint(r.tlp().ordinal());
            out.zigzag(v.asOf() - r.createdAt());
            out.varlong(r.version());
        }
        out.varint(v.alerts().size());
        for (IndicatorView.AlertRef a : v.alerts()) {
            out.string(a.alertId());
            out.varint(a.kind().ordinal());
            out.zigzag(v.asOf() - a.createdAt());
            out.varint(a.score());
            out.string(a.summary());
            out.varlong(a.version());
        }
        return out.toByteArray();
    }

    /** @throws IllegalStateException for bytes of another format (the store is then rebuilt from the topics) */
    public static IndicatorView decode(String key, byte[] bytes) {
        In in = new In(bytes);
        int format = in.varint();
        if (format != FORMAT) {
            throw new IllegalStateException("view of " + key + " is in format " + format + ", this build reads " + FORMAT);
        }
        IndicatorType type = IndicatorType.values()[in.varint()];
        String value = in.string();
        IndicatorStatus status = IndicatorStatus.values()[in.varint()];
        int score = in.varint();
        Severity severity = Severity.values()[in.varint()];
        Tlp tlp = Tlp.values()[in.varint()];
        long asOf = in.varlong();
        long firstSeen = asOf - in.zigzag();
        long lastSeen = firstSeen + in.zigzag();
        long until = in.zigzag();
        Long validUntil = until == 0 ? null : firstSeen + until + (until > 0 ? -1 : 1);
        List<String> parties = in.strings();
        List<String> tags = in.strings();
        List<String> references = in.strings();
        int sightings = in.varint();
        int falsePositives = in.varint();
        boolean fromChange = in.varint() == 1;
        long version = in.varlong();
        int relatedCount = in.varint();
        List<IndicatorView.Related> related = new ArrayList<>(relatedCount);
        for (int i = 0; i < relatedCount; i++) {
            String id = in.string();
            CorrelationKind kind = CorrelationKind.values()[in.varint()];
            int t = in.varint();
            related.add(new IndicatorView.Related(id, kind, t == 0 ? null : IndicatorType.values()[t - 1], in.nullable(),
                    in.nullable(), in.strings(), in.nullable(), Tlp.values()[in.varint()], asOf - in.zigzag(), in.varlong()));
        }
        int alertCount = in.varint();
        List<IndicatorView.AlertRef> alerts = new ArrayList<>(alertCount);
        for (int i = 0; i < alertCount; i++) {
            alerts.add(new IndicatorView.AlertRef(in.string(), AlertKind.values()[in.varint()], asOf - in.zigzag(),
                    in.varint(), in.string(), in.varlong()));
        }
        return new IndicatorView(key, type, value, status, score, severity, tlp, firstSeen, lastSeen, validUntil,
                parties, tags, references, sightings, falsePositives, List.copyOf(related), List.copyOf(alerts), asOf,
                fromChange, version);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            write(b, 0, b.length);
        }

        void nullable(String s) {
            if (s == null) {
                varint(0);
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                varint(b.length + 1);
                write(b, 0, b.length);
            }
        }

        void strings(List<String> values) {
            varint(values.size());
            values.forEach(this::string);
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) {
            this.b = b;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        int varint() {
            return (int) varlong();
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        String string() {
            int n = varint();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String nullable() {
            int n = varint();
            if (n == 0) {
                return null;
            }
            String s = new String(b, pos, n - 1, StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }

        List<String> strings() {
            int n = varint();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return List.copyOf(out);
        }
    }
}
