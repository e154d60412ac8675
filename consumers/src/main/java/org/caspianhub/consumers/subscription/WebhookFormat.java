package org.caspianhub.consumers.subscription;

/** What a webhook receives: the hub's alert JSON, or a STIX 2.1 bundle of the alert's objects. */
public enum WebhookFormat {
    JSON("application/json"),
    STIX("application/stix+json;version=2.1");

    private final String contentType;

    WebhookFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
