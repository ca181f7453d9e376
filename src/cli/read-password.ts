import type { Readable } from 'node:stream'

/**
 * The password for `user add`: one line from stdin. Piped input is read silently (no prompt,
 * so scripts stay clean); a terminal gets a prompt on stderr with echo turned off.
 */
export async function readPassword(input: NodeJS.ReadStream = process.stdin, confirm = true): Promise<string> {
  if (!input.isTTY) return readLine(input)
  const first = await promptHidden(input, 'Password (10+ characters): ')
  if (!confirm) return first
  const second = await promptHidden(input, 'Repeat password: ')
  if (first !== second) throw new PasswordMismatch()
  return first
}

export class PasswordMismatch extends Error {
  constructor() {
    super('the two passwords differ')
  }
}

/** The first line of a stream (without its line ending); the rest is left unread. */
export function readLine(input: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = () => {
      cleanup()
      input.pause()
      resolve(text.replace(/\r?\n[\s\S]*$/, '').replace(/\r$/, ''))
    }
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString()
      if (text.includes('\n') || text.length > 64 * 1024) finish()
    }
    const onError = (err: Error) => {
      cleanup()
      reject(err)
    }
    const cleanup = () => {
      input.off('data', onData)
      input.off('end', finish)
      input.off('error', onError)
    }
    input.setEncoding('utf8')
    input.on('data', onData)
    input.once('end', finish)
    input.once('error', onError)
    input.resume()
  })
}

function promptHidden(input: NodeJS.ReadStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Echo goes off before the prompt shows, so nothing typed right after it is echoed.
    input.setRawMode(true)
    process.stderr.write(prompt)
    let text = ''
    const done = (err?: Error) => {
      input.setRawMode(false)
      input.pause()
      input.off('data', onData)
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(text)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done()
        if (char === '\u0003') return done(new Error('cancelled'))
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('')
        else if (char >= ' ') text += char
      }
    }
    input.setEncoding('utf8')
    input.on('data', onData)
    input.resume()
  })
}
