// Driven by NodeInteropTest and KafkajsPartyTopicTest: clients nobody here wrote, against the hub.
//   node interop.mjs register <registryUrl> <subject> <schemaFile>   -> {"id":..,"fetched":<schema>,"latestVersion":..}
//   node interop.mjs decode   <registryUrl> <topic> <base64>         -> the record as JSON
//   node interop.mjs encode   <registryUrl> <topic> <jsonFile>       -> base64 of Confluent wire format
//   node interop.mjs calls    <registryUrl> <prefix>                 -> [{"call":..,"ok":..,"detail":..}] for each client call
//   node interop.mjs consume  <registryUrl> <topic> <bootstrap> <n>  -> the first n records of the topic, read with kafkajs
import { readFileSync } from 'node:fs';
import {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType,
} from '@confluentinc/schemaregistry';
import kafkajs from 'kafkajs';

const [command, url, target, arg, extra] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [url] });

// BigInt-safe JSON for what avsc hands back
const toJson = (value) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));

const record = (name, fields) => JSON.stringify({
  type: 'record', name, namespace: 'interop', fields: fields.map((f) => ({ name: f, type: 'string', default: '' })),
});

// Every call of Confluent's client that talks to the registry, in the order a partner would use them; each
// entry says whether the answer was the one Confluent's registry gives.
async function calls(prefix) {
  const results = [];
  const check = async (call, fn, expect) => {
    try {
      const value = await fn();
      const ok = expect(value);
      results.push({ call, ok: ok === true, detail: toJson(value) });
    } catch (error) {
      const ok = typeof expect === 'function' && expect.errorCode !== undefined
        && (error?.errorCode === expect.errorCode || error?.response?.data?.error_code === expect.errorCode);
      results.push({ call, ok, detail: `${error?.errorCode ?? ''} ${error?.message ?? error}` });
    }
  };
  const fails = (errorCode) => Object.assign(() => false, { errorCode });
  const subject = `${prefix}-value`;
  const other = `${prefix}-unconfigured-value`;
  const addresses = `${prefix}-address`;
  const customers = `${prefix}-customer-value`;
  const v1 = { schemaType: 'AVRO', schema: record('Probe', ['a']) };
  const v2 = { schemaType: 'AVRO', schema: record('Probe', ['a', 'b']) };
  const v3 = { schemaType: 'AVRO', schema: record('Probe', ['a', 'b', 'c']) };
  const requiredAdded = {
    schemaType: 'AVRO',
    schema: JSON.stringify({ type: 'record', name: 'Probe', namespace: 'interop', fields: [{ name: 'a', type: 'string' }, { name: 'x', type: 'int' }] }),
  };
  let id1; let id2; let idCustomer;

  await check('register', async () => (id1 = await client.register(subject, v1)), (id) => id > 0);
  await check('registerFullResponse', async () => client.registerFullResponse(subject, v2), (r) => (id2 = r.id) > 0);
  await check('getBySubjectAndId', () => client.getBySubjectAndId(subject, id1), (s) => JSON.parse(s.schema).name === 'interop.Probe' || JSON.parse(s.schema).name === 'Probe');
  await check('getId', () => client.getId(subject, v1), (id) => id === id1);
  await check('getIdFullResponse', () => client.getIdFullResponse(subject, v2), (r) => r.id === id2 && r.version === 2);
  await check('getLatestSchemaMetadata', () => client.getLatestSchemaMetadata(subject), (m) => m.version === 2 && m.id === id2);
  await check('getSchemaMetadata', () => client.getSchemaMetadata(subject, 1), (m) => m.id === id1);
  await check('getAllVersions', () => client.getAllVersions(subject), (v) => toJson(v) === '[1,2]');
  await check('getVersion', () => client.getVersion(subject, v2), (v) => v === 2);
  await check('getAllSubjects', () => client.getAllSubjects(), (s) => s.includes(subject));
  await check('testSubjectCompatibility', () => client.testSubjectCompatibility(subject, v3), (c) => c === true);
  await check('testCompatibility (incompatible)', () => client.testCompatibility(subject, 2, requiredAdded), (c) => c === false);
  await check('testSubjectCompatibility (new subject)', () => client.testSubjectCompatibility(`${prefix}-new`, v1), (c) => c === true);
  const global = await client.getDefaultCompatibility().catch(() => 'BACKWARD');
  await check('getDefaultCompatibility', () => client.getDefaultCompatibility(), (c) => typeof c === 'string');
  await check('updateDefaultCompatibility', () => client.updateDefaultCompatibility(global), (c) => c === global);
  await check('getDefaultConfig', () => client.getDefaultConfig(), (c) => c.compatibilityLevel === global);
  await check('updateDefaultConfig', () => client.updateDefaultConfig({ compatibility: global }), (c) => c.compatibility === global);
  await check('updateCompatibility', () => client.updateCompatibility(subject, 'FULL'), (c) => c === 'FULL');
  await check('getCompatibility', () => client.getCompatibility(subject), (c) => c === 'FULL');
  await check('updateConfig (compatibilityLevel)', () => client.updateConfig(subject, { compatibilityLevel: 'BACKWARD' }), (c) => c.compatibility === 'BACKWARD');
  await check('getConfig', () => client.getConfig(subject), (c) => c.compatibilityLevel === 'BACKWARD');
  await check('updateConfig (normalize only)', () => client.updateConfig(subject, { normalize: true }), (c) => c.normalize === true);
  await check('getConfig (normalize kept)', () => client.getConfig(subject), (c) => c.normalize === true && c.compatibilityLevel === 'BACKWARD');
  await client.register(other, v1);
  await check('getCompatibility (no subject config: 40408)', () => client.getCompatibility(other), fails(40408));

  // schema references
  const address = { schemaType: 'AVRO', schema: record('Address', ['city']) };
  const customer = {
    schemaType: 'AVRO',
    schema: JSON.stringify({ type: 'record', name: 'Customer', namespace: 'interop', fields: [{ name: 'home', type: 'interop.Address' }] }),
    references: [{ name: 'interop.Address', subject: addresses, version: 1 }],
  };
  await check('register (referenced schema)', () => client.register(addresses, address), (id) => id > 0);
  await check('register (with references)', async () => (idCustomer = await client.register(customers, customer)), (id) => id > 0);
  await check('getBySubjectAndId (references)', () => client.getBySubjectAndId(customers, idCustomer), (s) => s.references?.[0]?.subject === addresses);
  await check('getLatestSchemaMetadata (references)', () => client.getLatestSchemaMetadata(customers), (m) => m.references?.length === 1);
  await check('register (missing reference: 42201)', () => client.register(`${prefix}-orphan-value`, {
    ...customer, references: [{ name: 'interop.Address', subject: `${prefix}-never`, version: 1 }],
  }), fails(42201));
  await check('AvroSerializer + AvroDeserializer (references)', async () => {
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    const bytes = await serializer.serialize(`${prefix}-customer`, { home: { city: 'Baku' } });
    return deserializer.deserialize(`${prefix}-customer`, bytes);
  }, (r) => r.home.city === 'Baku');
  await check('deleteSubject (referenced: 42206)', () => client.deleteSubject(addresses), fails(42206));

  // deletes
  await check('deleteSubjectVersion', () => client.deleteSubjectVersion(subject, 2), (v) => v === 2);
  await check('getAllVersions (after soft delete)', () => client.getAllVersions(subject), (v) => toJson(v) === '[1]');
  await check('getSchemaMetadata (deleted=true)', () => client.getSchemaMetadata(subject, 2, true), (m) => m.id === id2);
  await check('deleteSubjectVersion (again: 40406)', () => client.deleteSubjectVersion(subject, 2), fails(40406));
  await check('deleteSubjectVersion (permanent)', () => client.deleteSubjectVersion(subject, 2, true), (v) => v === 2);
  await check('deleteSubject (permanent first: 40405)', () => client.deleteSubject(subject, true), fails(40405));
  await check('deleteSubject', () => client.deleteSubject(subject), (v) => toJson(v) === '[1]');
  await check('deleteSubject (again: 40404)', () => client.deleteSubject(subject), fails(40404));
  await check('deleteSubject (permanent)', () => client.deleteSubject(subject, true), (v) => toJson(v) === '[1]');
  await check('getAllSubjects (after delete)', () => client.getAllSubjects(), (s) => !s.includes(subject));
  await check('deleteSubject (unknown: 40401)', () => client.deleteSubject(subject), fails(40401));
  return results;
}

async function consume(topic, bootstrap, count) {
  const { Kafka, logLevel } = kafkajs;
  const kafka = new Kafka({ clientId: 'caspian-interop', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `interop-${process.pid}-${Date.now()}` });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const records = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} of ${count} records in 60 s`)), 60_000);
      consumer.on(consumer.events.CRASH, (event) => { clearTimeout(timer); reject(event.payload.error); });
      consumer.run({
        eachMessage: async ({ message }) => {
          records.push({ key: message.key?.toString(), value: await deserializer.deserialize(topic, message.value) });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

async function main() {
  switch (command) {
    case 'register': {
      const schema = readFileSync(arg, 'utf8');
      const id = await client.register(target, { schemaType: 'AVRO', schema }, false);
      const fetched = await client.getBySubjectAndId(target, id);
      const latest = await client.getLatestSchemaMetadata(target);
      process.stdout.write(toJson({ id, fetched: JSON.parse(fetched.schema), latestVersion: latest.version, latestId: latest.id }));
      break;
    }
    case 'decode': {
      const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
      const decoded = await deserializer.deserialize(target, Buffer.from(arg, 'base64'));
      process.stdout.write(toJson(decoded));
      break;
    }
    case 'encode': {
      const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
      const bytes = await serializer.serialize(target, JSON.parse(readFileSync(arg, 'utf8')));
      process.stdout.write(bytes.toString('base64'));
      break;
    }
    case 'calls':
      process.stdout.write(toJson(await calls(target)));
      break;
    case 'consume':
      process.stdout.write(toJson(await consume(target, arg, Number(extra))));
      break;
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
