package org.caspianhub.producers.feeds;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Secret;

/**
 * One configured feed: where it is, how to read it, whose it is (the party its submissions are
 * written for: the operator's configuration is the authentication here), the TLP of what it does
 * not mark, how often to poll it and how reliable it is.
 *
 * @param authorization       the value of an Authorization header, read from the environment variable the
 *                            configuration names (never written in the feeds file, never logged)
 * @param allowPrivateNetwork the operator allows this feed's server on a loopback, link-local or private
 *                            address ({@code "allowPrivateNetwork": true}); see {@code OutboundDestinations}
 */
public record FeedConfig(String name, URI url, FeedFormat format, PartyId party, Tlp tlp, Duration interval,
                         Integer reliability, Integer confidence, List<String> tags, Optional<Secret> authorization,
                         boolean allowPrivateNetwork) {

    public FeedConfig {
        tags = List.copyOf(tags);
    }

    /** What the destination rule's errors call this feed. */
    public String describe() {
        return "feed " + name;
    }

    @Override
    public String toString() {
        return "feed " + name + " (" + format.id() + " " + FeedUrls.redacted(url) + " for " + party + ", every " + interval + ")";
    }
}
