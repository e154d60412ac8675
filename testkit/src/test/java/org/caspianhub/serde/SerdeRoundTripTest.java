package org.caspianhub.serde;

import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;

/** The round trip through the embedded KRaft broker. */
class SerdeRoundTripTest extends SerdeRoundTripContract {

    @Override
    protected TestPlatform platform() {
        return TestPlatforms.embedded();
    }
}
