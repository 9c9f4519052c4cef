// Fingerprints an evidence file off the main thread (issue 17): the app (src/app/evidence.rs)
// starts `new Worker("hash-worker.js")` when the user picks or drops files, posts it one
// `{ file }` (a File or Blob) at a time and gets back
//   { kind: 'progress', done, size }   after each slice,
//   { kind: 'done', size, sha256 }     the lowercase hex SHA-256 (equal to sha256sum's),
//   { kind: 'error', message }         when the browser cannot read the file (in Chinese).
// The file is read in slices (`Blob.slice().arrayBuffer()`, the next slice read while the current
// one is hashed), so that a file of hundreds of MB is never in memory at once; Web Crypto's digest
// is not incremental, hence the SHA-256 below (FIPS 180-4). Plain JS, no import: a classic worker
// script copied by Trunk (index.html), fetched only when the first file is fingerprinted.
'use strict';

const SLICE = 4 * 1024 * 1024;

const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Incremental SHA-256: update(bytes) any number of times, then hex(). */
class Sha256 {
    constructor() {
        this.h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
        this.w = new Int32Array(16); // the message schedule, 16 words at a time
        this.tail = new Uint8Array(64); // bytes of an unfinished block
        this.tailLength = 0;
        this.length = 0; // bytes hashed in all (exact up to 2^53)
    }

    update(bytes) {
        this.length += bytes.length;
        let at = 0;
        if (this.tailLength > 0) {
            const take = Math.min(64 - this.tailLength, bytes.length);
            this.tail.set(bytes.subarray(0, take), this.tailLength);
            this.tailLength += take;
            at = take;
            if (this.tailLength < 64) return;
            this.blocks(this.tail, 0, 64);
            this.tailLength = 0;
        }
        const whole = at + ((bytes.length - at) & ~63);
        this.blocks(bytes, at, whole);
        this.tail.set(bytes.subarray(whole), 0);
        this.tailLength = bytes.length - whole;
    }

    /** Compresses the 64-byte blocks of b[from..to). */
    blocks(b, from, to) {
        const h = this.h;
        const w = this.w;
        let h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7];
        for (let p = from; p < to; p += 64) {
            let a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
            // w keeps the last 16 words of the message schedule: w[i & 15] is word i - 16 until
            // word i replaces it.
            for (let i = 0; i < 64; i++) {
                let wi;
                if (i < 16) {
                    const j = p + (i << 2);
                    wi = (b[j] << 24) | (b[j + 1] << 16) | (b[j + 2] << 8) | b[j + 3];
                } else {
                    const x = w[(i - 15) & 15];
                    const y = w[(i - 2) & 15];
                    wi = (w[i & 15] + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[(i - 7) & 15] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
                }
                w[i & 15] = wi;
                const t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + wi) | 0;
                const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
                hh = g;
                g = f;
                f = e;
                e = (d + t1) | 0;
                d = c;
                c = bb;
                bb = a;
                a = (t1 + t2) | 0;
            }
            h0 = (h0 + a) | 0;
            h1 = (h1 + bb) | 0;
            h2 = (h2 + c) | 0;
            h3 = (h3 + d) | 0;
            h4 = (h4 + e) | 0;
            h5 = (h5 + f) | 0;
            h6 = (h6 + g) | 0;
            h7 = (h7 + hh) | 0;
        }
        h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3; h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
    }

    /** Pads, compresses the last block(s) and returns the digest as 64 lowercase hex digits. */
    hex() {
        const bits = this.length * 8;
        const pad = new Uint8Array(((this.tailLength + 8) >> 6) * 64 + 64);
        pad.set(this.tail.subarray(0, this.tailLength));
        pad[this.tailLength] = 0x80;
        const view = new DataView(pad.buffer);
        view.setUint32(pad.length - 8, Math.floor(bits / 0x100000000));
        view.setUint32(pad.length - 4, bits >>> 0);
        this.blocks(pad, 0, pad.length);
        let out = '';
        for (const x of this.h) out += (x >>> 0).toString(16).padStart(8, '0');
        return out;
    }
}

const unreadable = '浏览器无法读取此文件(可能已被移动、删除或没有读取权限)';

self.onmessage = async (event) => {
    const file = event.data && event.data.file;
    try {
        const size = file.size;
        const sha = new Sha256();
        const read = (start) => file.slice(start, Math.min(size, start + SLICE)).arrayBuffer();
        let next = size > 0 ? read(0) : null;
        for (let start = 0; start < size; start += SLICE) {
            const bytes = new Uint8Array(await next);
            // The next slice is read by the browser while this one is hashed.
            next = start + SLICE < size ? read(start + SLICE) : null;
            sha.update(bytes);
            postMessage({ kind: 'progress', done: start + bytes.length, size });
        }
        postMessage({ kind: 'done', size, sha256: sha.hex() });
    } catch (err) {
        postMessage({ kind: 'error', message: unreadable });
    }
};
