package org.caspianhub.producers.submit;

import org.caspianhub.avro.SourceChannel;
import org.caspianhub.parties.PartyId;

/**
 * Where submissions come from, as established by authentication or configuration, never by a
 * payload: the party whose topic they go to, who submitted them (API key or feed name), through
 * which channel, and the source's configured reliability (null for the party's default).
 */
public record Origin(PartyId party, String submitter, SourceChannel channel, Integer sourceReliability) {
}
