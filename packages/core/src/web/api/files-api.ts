/**
 * Uploading a file for a file field (`POST /api/v1/files`, multipart) and the address to read one back.
 * @module
 */
import { ApiError, type Problem } from './api-error'
import { apiUrl } from './request'

export interface UploadedFile {
  id: string
  name: string
  mime: string
  size: number
}

/** A file field's value as records carry it. */
export interface FileRef {
  id: string
  title?: string
  mime?: string
  size?: number
}

export async function uploadFile(file: File, signal?: AbortSignal): Promise<UploadedFile> {
  const body = new FormData()
  body.append('file', file, file.name)
  const res = await fetch(apiUrl('/files'), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    body,
    signal,
  })
  const text = await res.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = { detail: text }
  }
  if (!res.ok) throw new ApiError({ status: res.status, ...(data as object) } as Problem)
  return data as UploadedFile
}

/** Where the browser reads the file: inline for images and PDF, or as a download. */
export function fileUrl(id: string, download = false): string {
  return apiUrl(`/files/${encodeURIComponent(id)}`, download ? { download: 1 } : undefined)
}
