package org.caspianhub.topics;

/**
 * A topic a Kafka Streams application creates for itself, named {@code <application.id>-<name>-<kind>}:
 * a repartition topic between sub-topologies or the changelog that backs a state store. The hub does not
 * provision these; they are in the {@link TopicCatalogue} so that "what topics exist" has one answer.
 *
 * @param application which application creates it (and the setting that names its application id)
 * @param name        the repartition step's or the store's name
 * @param kind        {@code repartition} or {@code changelog}
 * @param holds       what its records are
 */
public record InternalTopic(String application, String name, String kind, String holds) {

    public static final String REPARTITION = "repartition";
    public static final String CHANGELOG = "changelog";

    /** The topic's name for an application id, as Kafka Streams derives it. */
    public String name(String applicationId) {
        return applicationId + "-" + name + "-" + kind;
    }
}
