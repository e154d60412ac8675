package org.caspianhub.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.embedded.EmbeddedKafkaBroker;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ACLs of the compose deployment, enforced by a real broker's StandardAuthorizer: a party's
 * principal writes only its own submissions and reads only its own alerts.
 */
class PartyAclsTest {

    private static final Parties PARTIES = Parties.defaults();
    private static final PartyId IR = PartyId.of("ir");
    private static final PartyId AZ = PartyId.of("az");
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startAnAuthorizingBroker() throws Exception {
        broker = new EmbeddedKafkaBroker(BrokerSettings.ephemeralWithAcls(Map.of("ir", "ir-secret", "az", "az-secret")));
        broker.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicProvisioner(admin).provision(new TopicLayout(1, (short) 1).topicsFor(PARTIES));
            PartyAcls.apply(admin, PARTIES);
            assertThat(PartyAcls.apply(admin, PARTIES)).as("re-running is harmless").isEqualTo(18);
            // KRaft commits ACLs to the metadata log and the broker's authorizer applies them a moment
            // later; DescribeAcls answers from that authorizer, so once it lists them all they hold.
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> admin.describeAcls(AclBindingFilter.ANY).values().get().size() >= 18);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aPartyWritesItsOwnSubmissionsButNotAnothersAndCannotTouchHubTopics() throws Exception {
        try (KafkaProducer<String, String> ir = producer("ir", "ir-secret")) {
            ir.send(new ProducerRecord<>(HubTopics.submissions(IR), "k", "v")).get(30, TimeUnit.SECONDS);
            ir.send(new ProducerRecord<>(HubTopics.sightings(IR), "k", "v")).get(30, TimeUnit.SECONDS);
            assertDenied(() -> ir.send(new ProducerRecord<>(HubTopics.submissions(AZ), "k", "v")).get(30, TimeUnit.SECONDS));
        }
        try (KafkaProducer<String, String> ir = producer("ir", "ir-secret")) {
            assertDenied(() -> ir.send(new ProducerRecord<>(HubTopics.alerts(IR), "k", "forged alert")).get(30, TimeUnit.SECONDS));
        }
        try (KafkaProducer<String, String> ir = producer("ir", "ir-secret")) {
            assertDenied(() -> ir.send(new ProducerRecord<>(HubTopics.INDICATORS, "k", "v")).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPartyReadsItsOwnAlertsButNeverAnothers() {
        try (KafkaConsumer<String, String> az = consumer("az", "az-secret", "az.soc")) {
            az.subscribe(List.of(HubTopics.alerts(AZ)));
            az.poll(Duration.ofSeconds(2)); // allowed: no exception
        }
        try (KafkaConsumer<String, String> az = consumer("az", "az-secret", "az.soc")) {
            az.subscribe(List.of(HubTopics.alerts(IR)));
            assertThatThrownBy(() -> az.poll(Duration.ofSeconds(5))).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> az = consumer("az", "az-secret", "ir.soc")) {
            az.subscribe(List.of(HubTopics.alerts(AZ)));
            assertThatThrownBy(() -> az.poll(Duration.ofSeconds(5))).as("another party's group name")
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable send) {
        assertThatThrownBy(send).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
    }

    private static Map<String, Object> sasl(String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.saslBootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return props;
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> props = sasl(user, password);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String password, String group) {
        Map<String, Object> props = sasl(user, password);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
