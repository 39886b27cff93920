import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { RecordAccessSchema } from './record-access.js';
import { PageQuerySchema } from './pagination.js';
import { HostLocationSchema, ProtectionLevelSchema, SystemStatusSchema } from './registry-enums.js';
import { normaliseIdentifier } from './identifiers.js';
import { textField } from './text.js';

/** Servers (伺服主機) of a unit and the systems they serve. */

export const MAX_HOST_IPS = 32;
export const MAX_HOST_SYSTEMS = 200;

export const HostSystemRefSchema = z.object({
  id: z.uuid().describe('System id'),
  name: z.string().describe('System name'),
  status: SystemStatusSchema,
  protectionLevel: ProtectionLevelSchema,
  urls: z.array(z.string()).describe('Addresses of the system'),
});

export const HostSchema = z.object({
  id: z.uuid().describe('Host id'),
  orgId: z.uuid().describe('Unit that runs the host'),
  orgName: z.string().describe('Name of that unit'),
  orgNameEn: orgNameEnField('that unit'),
  hostname: z.string().describe('Host name (RFC 1123), unique within the unit'),
  ips: z.array(z.string()).describe('Normalised IPv4/IPv6 addresses'),
  os: z.string().nullable().describe('Operating system and version'),
  role: z.string().nullable().describe('Role, e.g. web, database'),
  location: HostLocationSchema,
  site: z.string().nullable().describe('Server room, or cloud provider and region'),
  notes: z.string().nullable().describe('Notes'),
  isActive: z.boolean().describe('Whether the host is in service'),
  systemCount: z.number().int().describe('Systems it serves'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['edit']),
  access: RecordAccessSchema,
});
export type Host = z.infer<typeof HostSchema>;

export const HostDetailSchema = HostSchema.extend({
  systems: z.array(HostSystemRefSchema).describe('Systems it serves'),
});
export type HostDetail = z.infer<typeof HostDetailSchema>;

const optionalText = (max: number, what: string) => textField(max).nullable().optional().describe(what);

const hostnameField = z
  .string()
  // Full-width letters and invisible characters would otherwise dodge the unique name.
  .overwrite(normaliseIdentifier)
  .min(1)
  .max(253)
  .describe('Host name (RFC 1123): letters, digits and hyphens in dot-separated labels');

const ipList = z
  .array(z.string().trim().min(1).max(64))
  .max(MAX_HOST_IPS)
  .describe(`IPv4/IPv6 addresses, at most ${MAX_HOST_IPS}; normalised and de-duplicated by the server`);

const systemIds = z
  .array(z.uuid())
  .max(MAX_HOST_SYSTEMS)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate id' });

export const HostCreateSchema = z.object({
  orgId: z.uuid().describe('Unit that runs the host'),
  hostname: hostnameField,
  ips: ipList.default([]),
  os: optionalText(200, 'Operating system and version'),
  role: optionalText(200, 'Role, e.g. web, database'),
  location: HostLocationSchema.default('on_premise'),
  site: optionalText(200, 'Server room, or cloud provider and region'),
  notes: z.string().trim().max(4000).nullable().optional().describe('Notes'),
  systemIds: systemIds.default([]).describe('Systems of the same unit it serves'),
});
export type HostCreateInput = z.infer<typeof HostCreateSchema>;

export const HostUpdateSchema = z.object({
  hostname: hostnameField.optional(),
  ips: ipList.optional(),
  os: optionalText(200, 'Operating system and version'),
  role: optionalText(200, 'Role, e.g. web, database'),
  location: HostLocationSchema.optional(),
  site: optionalText(200, 'Server room, or cloud provider and region'),
  notes: z.string().trim().max(4000).nullable().optional().describe('Notes'),
  isActive: z.boolean().optional().describe('Whether the host is in service'),
  systemIds: systemIds.optional().describe('Replaces the systems it serves'),
});
export type HostUpdateInput = z.infer<typeof HostUpdateSchema>;

export const HostListQuerySchema = PageQuerySchema.extend({
  orgId: z.uuid().optional().describe('Only hosts of this unit'),
  location: HostLocationSchema.optional().describe('Only on-premise or only cloud hosts'),
  systemId: z.uuid().optional().describe('Only hosts serving this system'),
  active: z.enum(['true', 'false']).optional().describe('Only hosts in (true) or out of (false) service'),
});
export type HostListQuery = z.infer<typeof HostListQuerySchema>;

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

/** Whether text is one IPv4 or IPv6 address (the form's check; the server also normalises it). */
export function isIpAddress(text: string): boolean {
  return ipAddress.safeParse(text.trim()).success;
}
