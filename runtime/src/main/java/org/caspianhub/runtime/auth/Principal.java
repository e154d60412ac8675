package org.caspianhub.runtime.auth;

import org.caspianhub.parties.PartyId;

/**
 * Who is calling, as established by authentication: the key's name, the one party it is bound
 * to, and its role. The party of everything a caller submits comes from here, never from a body.
 */
public record Principal(String name, PartyId party, Role role) {
}
