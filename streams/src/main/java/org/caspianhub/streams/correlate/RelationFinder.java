package org.caspianhub.streams.correlate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.indicators.relate.Locality;
import org.caspianhub.streams.merge.IndicatorStore;

/**
 * Stage 4b inside one task: finds the indicators related to one that changed, using the store's
 * order (see {@link Placement}) so each relation is a point look-up or a bounded range scan:
 *
 * <ul>
 * <li>a URL: its host as a domain (and the parent domains down to the registrable one), or as an
 *     address;</li>
 * <li>a domain: the URLs on it or on its subdomains (one range);</li>
 * <li>an address: the prefixes containing it ({@link CidrIndex}), and URLs on it as host;</li>
 * <li>a prefix: the addresses inside it (one range).</li>
 * </ul>
 *
 * At most {@link #scanLimit()} relations are returned per change, {@link #SCAN_FACTOR} times the
 * fan-out a recipient is told of ({@code CASPIAN_STREAMS_CORRELATION_FANOUT}): the bound counts
 * every party's indicators, hidden ones included, so it is set well above what any one recipient
 * hears, which the merge stage bounds per recipient. Warninglisted indicators take no
 * part (every URL on a top-1000 domain would otherwise relate to it).
 */
public final class RelationFinder {

    /** How many times a recipient's fan-out the search looks at, for the indicators it may not see. */
    public static final int SCAN_FACTOR = 20;

    private final int perRecipient;
    private final int fanout;

    /** @param perRecipient the most relations one recipient is told of per change */
    public RelationFinder(int perRecipient) {
        this.perRecipient = perRecipient;
        this.fanout = perRecipient * SCAN_FACTOR;
    }

    /** The most relations one recipient is told of per change. */
    public int perRecipient() {
        return perRecipient;
    }

    /** The most relations one search returns. */
    public int scanLimit() {
        return fanout;
    }

    /** The relations found, and whether the fan-out bound cut the search short. */
    public record Found(List<Relation> relations, boolean capped) {
    }

    public Found find(IndicatorState changed, byte[] storeKey, IndicatorStore store,
                      CidrIndex cidrs) {
        Indicator indicator = changed.getIndicator();
        List<Relation> out = new ArrayList<>(2);
        boolean capped = switch (indicator.getType()) {
            case URL -> urlToHost(indicator, store, out);
            case DOMAIN -> domainToUrls(indicator, storeKey, store, out);
            case IPV4, IPV6 -> addressToPrefixesAndUrls(indicator, storeKey, store, cidrs, out);
            case CIDR -> prefixToAddresses(indicator, store, out);
            default -> false;
        };
        return new Found(out, capped);
    }

    private boolean urlToHost(Indicator url, IndicatorStore store, List<Relation> out) {
        String host = Placement.hostOfUrl(url.getValue());
        if (host == null) {
            return false;
        }
        if (Placement.isIpLiteral(host)) {
            IPAddress address = new IPAddressString(host).getAddress();
            if (address != null) {
                add(out, store, Placement.addressKey(address.getBytes()), CorrelationKind.URL_HOST,
                        url.getValue() + " is served from " + address.toCanonicalString());
            }
            return false;
        }
        for (String name : Placement.selfAndParents(host)) {
            if (add(out, store, Placement.hostKey(name, null), CorrelationKind.URL_HOST,
                    url.getValue() + (name.equals(host) ? " is on host " : " is under domain ") + name)
                    && out.size() >= fanout) {
                return true;
            }
        }
        return false;
    }

    private boolean domainToUrls(Indicator domain, byte[] storeKey, IndicatorStore store,
                                 List<Relation> out) {
        // URLs on the domain itself: keys extending "HOST, reversed domain, 0"
        if (scanUrls(store, storeKey, storeKey, domain, " is on host ", out)) {
            return true;
        }
        // URLs on its subdomains: keys extending "HOST, reversed domain, '.'"
        byte[] subdomains = Arrays.copyOf(storeKey, storeKey.length);
        subdomains[subdomains.length - 1] = '.';
        return scanUrls(store, subdomains, storeKey, domain, " is under domain ", out);
    }

    /** URLs under {@code prefix}: keys that go on past the host's terminating 0 (domains end with it). */
    private boolean scanUrls(IndicatorStore store, byte[] prefix, byte[] self, Indicator host, String relation,
                             List<Relation> out) {
        int room = fanout - out.size();
        List<IndicatorStore.Entry> urls = store.prefixScan(prefix,
                key -> key[key.length - 1] != Placement.END_OF_HOST && !Arrays.equals(key, self), room + 1);
        for (IndicatorStore.Entry entry : urls) {
            Indicator other = entry.state().getIndicator();
            if (other.getType() != IndicatorType.URL || !other.getWarninglists().isEmpty()) {
                continue;
            }
            if (out.size() >= fanout) {
                return true;
            }
            out.add(new Relation(CorrelationKind.URL_HOST, entry.key(), entry.state(),
                    other.getValue() + relation + host.getValue()));
        }
        return false;
    }

    private boolean addressToPrefixesAndUrls(Indicator address, byte[] storeKey,
                                             IndicatorStore store, CidrIndex cidrs,
                                             List<Relation> out) {
        for (byte[] prefixKey : cidrs.containing(storeKey)) {
            IndicatorState prefix = store.get(prefixKey);
            if (prefix != null && prefix.getIndicator().getWarninglists().isEmpty()) {
                if (out.size() >= fanout) {
                    return true;
                }
                out.add(new Relation(CorrelationKind.IP_IN_CIDR, prefixKey, prefix,
                        address.getValue() + " lies inside " + prefix.getIndicator().getValue()));
            }
        }
        byte[] host = Placement.hostKey(address.getValue(), null);
        return scanUrls(store, host, host, address, " is served from ", out);
    }

    private boolean prefixToAddresses(Indicator prefix, IndicatorStore store,
                                      List<Relation> out) {
        IPAddress block = new IPAddressString(prefix.getValue()).getAddress();
        if (block == null) {
            return false;
        }
        int length = block.getNetworkPrefixLength() == null ? block.getBitCount() : block.getNetworkPrefixLength();
        if (length < (block.isIPv4() ? Locality.IPV4_BLOCK_BITS : Locality.IPV6_BLOCK_BITS)) {
            return false; // its addresses live in other tasks: too broad to relate (see Placement)
        }
        byte[] from = Placement.addressKey(block.getLower().getBytes());
        byte[] to = Placement.addressKey(block.getUpper().getBytes());
        for (IndicatorStore.Entry entry : store.range(from, to, key -> true, fanout + 1)) {
            Indicator address = entry.state().getIndicator();
            if (!address.getWarninglists().isEmpty()) {
                continue;
            }
            if (out.size() >= fanout) {
                return true;
            }
            out.add(new Relation(CorrelationKind.IP_IN_CIDR, entry.key(), entry.state(),
                    address.getValue() + " lies inside " + prefix.getValue()));
        }
        return false;
    }

    private static boolean add(List<Relation> out, IndicatorStore store, byte[] key,
                               CorrelationKind kind, String detail) {
        IndicatorState other = store.get(key);
        if (other == null || !other.getIndicator().getWarninglists().isEmpty()) {
            return false;
        }
        out.add(new Relation(kind, key, other, detail));
        return true;
    }
}
