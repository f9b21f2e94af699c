// Helpers for registration and verification (Pasal 9(2-3), 21) in the
// end-to-end tests.
//
//   import { createUser, approveAccount, MINIMAL_PDF } from '../lib/registration.mjs';
//
//   // Admin Sistem creates a non-vendor account with its assignment letter
//   // (the form is multipart); the Verifikator approves it; it can sign in.
//   const { id, temporaryPassword } = await createUser(admin, { username: 'ppk.x', ... });
//   await approveAccount(server.baseUrl, id);
//
// createUser() and approveAccount() throw unless the server answers as a
// successful run would.

import { Client, snippet } from './client.mjs';

// The smallest thing that passes for a PDF (documents are sniffed).
export const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
  '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

// A 1x1 PNG.
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64');

/** A PDF file for a multipart form: {name, type, data}. `salt` makes its bytes unique. */
export function pdfFile(name = 'surat-tugas.pdf', salt = '') {
  return { name, type: 'application/pdf', data: `${MINIMAL_PDF}% ${salt}\n` };
}

/**
 * Admin Sistem creates an account on /admin/pengguna with its assignment
 * letter. `admin` is a signed-in Client. `fields`: username, full_name,
 * email, agency_id, roles. Resolves {id, temporaryPassword, res}.
 */
export async function createUser(admin, fields, { letter = pdfFile('surat-tugas.pdf', fields.username) } = {}) {
  await admin.refreshCsrf('/admin/pengguna');
  const res = await admin.postMultipart('/admin/pengguna', fields, { surat_tugas: letter });
  if (res.status !== 201) {
    throw new Error(`creating ${fields.username}: ${res.status} ${snippet(res.text)}`);
  }
  const id = /action="\/admin\/pengguna\/(\d+)\/peran"/.exec(res.text)?.[1];
  const temporaryPassword = /data-testid="temporary-password">([^<]+)</.exec(res.text)?.[1] ?? '';
  if (!id) throw new Error(`no account page after creating ${fields.username}`);
  return { id, temporaryPassword, res };
}

/**
 * The Verifikator approves the application of account `userId`, ticking the
 * original of every current document. Resolves the POST's response.
 */
export async function approveAccount(baseUrl, userId, { verifikator = 'verifikator', client } = {}) {
  const v = client ?? new Client(baseUrl);
  if (!client) await v.login(verifikator);
  const page = await v.get(`/verifikasi/pendaftaran/${userId}`);
  if (page.status !== 200) throw new Error(`review page of ${userId}: ${page.status} ${snippet(page.text)}`);
  const seen = [...page.text.matchAll(/name="seen" value="(\d+)"/g)].map((m) => m[1]);
  const res = await v.post(`/verifikasi/pendaftaran/${userId}/setujui`, { seen });
  if (res.status !== 303) throw new Error(`approving ${userId}: ${res.status} ${snippet(res.text)}`);
  return res;
}

/** createUser() then approveAccount(): an account that can sign in and act. */
export async function createApprovedUser(baseUrl, admin, fields) {
  const created = await createUser(admin, fields);
  await approveAccount(baseUrl, created.id);
  return created;
}
