// Driven by NodeInteropTest: Confluent's own Node.js client against the hub's embedded registry.
//   node interop.mjs register <registryUrl> <subject> <schemaFile>   -> {"id":..,"fetched":<schema>,"latestVersion":..}
//   node interop.mjs decode   <registryUrl> <topic> <base64>         -> the record as JSON
//   node interop.mjs encode   <registryUrl> <topic> <jsonFile>       -> base64 of Confluent wire format
import { readFileSync } from 'node:fs';
import {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType,
} from '@confluentinc/schemaregistry';

const [command, url, target, arg] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [url] });

// BigInt-safe JSON for what avsc hands back
const toJson = (value) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));

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
      const record = await deserializer.deserialize(target, Buffer.from(arg, 'base64'));
      process.stdout.write(toJson(record));
      break;
    }
    case 'encode': {
      const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
      const bytes = await serializer.serialize(target, JSON.parse(readFileSync(arg, 'utf8')));
      process.stdout.write(bytes.toString('base64'));
      break;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
