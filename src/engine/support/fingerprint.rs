//! SHA-256 fingerprints of files (佐证材料), fed in chunks so that a file of hundreds of MB is
//! never held whole: the browser reads it slice by slice (yielding between slices), the command
//! line reads it in blocks.

use sha2::{Digest, Sha256};

/// A fingerprint being computed: feed the bytes in order with [`Fingerprinter::update`], then
/// [`Fingerprinter::finish`].
#[derive(Clone, Default)]
pub struct Fingerprinter {
    hasher: Sha256,
    size: u64,
}

impl Fingerprinter {
    pub fn new() -> Fingerprinter {
        Fingerprinter::default()
    }

    /// The next bytes of the file.
    pub fn update(&mut self, chunk: &[u8]) {
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
    }

    /// How many bytes were fed so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The size in bytes and the SHA-256 as 64 lowercase hex digits.
    pub fn finish(self) -> (u64, String) {
        (self.size, hex(&self.hasher.finalize()))
    }
}

/// The SHA-256 of `bytes`, 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fingerprints() {
        // FIPS 180-2's examples.
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn chunks_of_any_size_give_the_same_fingerprint() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = sha256_hex(&data);
        for chunk in [1, 63, 64, 65, 4096, 10_000] {
            let mut f = Fingerprinter::new();
            data.chunks(chunk).for_each(|c| f.update(c));
            assert_eq!(f.size(), 10_000);
            assert_eq!(f.finish(), (10_000, whole.clone()), "chunks of {chunk}");
        }
    }
}
