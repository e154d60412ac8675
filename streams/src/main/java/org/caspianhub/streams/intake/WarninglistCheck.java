package org.caspianhub.streams.intake;

import java.util.List;
import org.caspianhub.indicators.normalize.Normalized;

/** The names of the warninglists a normalized value is on (the indicators module's MISP warninglists). */
@FunctionalInterface
public interface WarninglistCheck {

    List<String> matches(Normalized.Valid value);
}
