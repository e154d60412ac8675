package org.caspianhub.streams.sharing;

import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;

/**
 * What one recipient may see of one indicator at one moment: only the contributions (and SOC
 * feedback) TLP lets it learn of, and everything derived from them alone (score, severity,
 * status, expiry), so nothing in it hints at a contribution it may not see.
 *
 * @param recipient      the party looking
 * @param contributions  visible contributions, revoked ones included (as revoked), not yet sanitized
 * @param activeParties  visible parties that still stand behind it, sorted
 * @param revokedParties visible parties that revoked their contribution, sorted
 * @param score          0..100 from the visible evidence only
 * @param tlp            the most restrictive level among what the view reveals
 * @param status         ACTIVE, REVOKED (every visible contribution revoked) or EXPIRED (visible evidence aged out)
 * @param expiresAt      when the visible evidence ages out, or null
 */
public record View(
        String recipient,
        List<Contribution> contributions,
        List<String> activeParties,
        List<String> revokedParties,
        int score,
        Severity severity,
        Tlp tlp,
        IndicatorStatus status,
        int sightings,
        int falsePositives,
        Instant firstSeen,
        Instant lastSeen,
        Instant expiresAt,
        List<String> tags) {
}
