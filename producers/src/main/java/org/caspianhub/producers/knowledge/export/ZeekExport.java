package org.caspianhub.producers.knowledge.export;

import java.io.IOException;
import java.io.OutputStream;
import org.caspianhub.producers.knowledge.IndicatorView;

/**
 * A Zeek Intel framework file (tab-separated, {@code #fields} header; load with
 * {@code redef Intel::read_files += { "caspian.intel" };}). Zeek's types: addresses, subnets,
 * domains, URLs (without the scheme, as Zeek sees them in HTTP), e-mail addresses and file hashes;
 * CVEs and ASNs have none and are left out.
 */
final class ZeekExport extends WriterExport {

    ZeekExport(OutputStream out) {
        super(out);
    }

    @Override
    public void begin() throws IOException {
        out.write("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n");
    }

    @Override
    public void write(IndicatorView v) throws IOException {
        String type = switch (v.type()) {
            case IPV4, IPV6 -> "Intel::ADDR";
            case CIDR -> "Intel::SUBNET";
            case DOMAIN -> "Intel::DOMAIN";
            case URL -> "Intel::URL";
            case EMAIL -> "Intel::EMAIL";
            case MD5, SHA1, SHA256, SHA512 -> "Intel::FILE_HASH";
            default -> null;
        };
        if (type == null) {
            return;
        }
        String indicator = v.type() == org.caspianhub.avro.IndicatorType.URL ? v.value().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "")
                : v.value();
        out.write(field(indicator));
        out.write('\t');
        out.write(type);
        out.write("\tcaspian-hub\t");
        out.write(field(Exports.describe(v)));
        out.write('\n');
    }

    /** Zeek's input reader splits on tabs and lines: neither may appear in a field. */
    private static String field(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
