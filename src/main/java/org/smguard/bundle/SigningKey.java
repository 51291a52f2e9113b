package org.smguard.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own Ed25519 key, which signs what hosts install. Made on first start and
 * kept in the data directory ({@code signing-key.pem}: the PKCS#8 private key, then the
 * public key; readable by the owner only), so that it survives restarts; the public half
 * is what a host keeps as {@code smguard.pub} and checks with
 * {@code openssl pkeyutl -verify -rawin}.
 */
public final class SigningKey {

	static final String FILE_NAME = "signing-key.pem";

	private static final Logger logger = LoggerFactory.getLogger(SigningKey.class);

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
	}

	/** The key kept in {@code dataDir}, made there first when there is none. */
	static SigningKey in(Path dataDir) {
		Path file = dataDir.resolve(FILE_NAME);
		try {
			if (Files.exists(file)) {
				return read(file);
			}
			Files.createDirectories(dataDir);
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			write(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded())
					+ pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			SigningKey key = new SigningKey(pair.getPrivate(), pair.getPublic());
			logger.info("Made the bundle signing key {} (Ed25519), fingerprint {}", file, key.fingerprint());
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or make the signing key " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot use the signing key " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
	 * SubjectPublicKeyInfo).
	 */
	public String publicKeyPem() {
		return pem("PUBLIC KEY", this.publicKey.getEncoded());
	}

	/** {@code SHA256:} and the hex SHA-256 of the public key's DER encoding. */
	public String fingerprint() {
		try {
			return "SHA256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(this.publicKey.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A detached Ed25519 signature of {@code data} (64 bytes). */
	public byte[] sign(byte[] data) {
		return sign(data, 0, data.length);
	}

	/**
	 * The Ed25519 signature of {@code length} bytes of {@code data} from {@code offset}.
	 */
	byte[] sign(byte[] data, int offset, int length) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(data, offset, length);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SigningKey read(Path file) throws IOException, GeneralSecurityException {
		String text = Files.readString(file, StandardCharsets.US_ASCII);
		KeyFactory keys = KeyFactory.getInstance("Ed25519");
		PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY")));
		PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY")));
		SigningKey key = new SigningKey(privateKey, publicKey);
		// The two halves must belong together: a public key that does not verify what the
		// private key signs would make every host refuse every bundle.
		Signature check = Signature.getInstance("Ed25519");
		check.initVerify(publicKey);
		byte[] probe = "smguard signing key check".getBytes(StandardCharsets.US_ASCII);
		check.update(probe);
		if (!check.verify(key.sign(probe))) {
			throw new GeneralSecurityException("its public key does not match its private key");
		}
		return key;
	}

	private static byte[] block(String pem, String type) throws GeneralSecurityException {
		String begin = "-----BEGIN " + type + "-----";
		String end = "-----END " + type + "-----";
		int from = pem.indexOf(begin);
		int to = pem.indexOf(end);
		if (from < 0 || to < from) {
			throw new GeneralSecurityException("no " + type + " block");
		}
		return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
	}

	private static void write(Path file, String content) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), ".signing-key", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
