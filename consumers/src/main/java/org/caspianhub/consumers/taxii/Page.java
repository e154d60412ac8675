package org.caspianhub.consumers.taxii;

import java.util.List;

/**
 * One page of a TAXII listing, oldest first.
 *
 * @param more     whether entries beyond this page match
 * @param next     the token resuming after this page (epoch microseconds of its last entry), or null
 */
record Page<T>(List<T> items, boolean more, Long next, Long firstAdded, Long lastAdded) {
}
