package io.ngi.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * Writes a buffer in pieces cut at random points: mostly tiny (1 to 16 bytes), sometimes
 * up to 512 bytes, each its own write (and, with {@code TCP_NODELAY}, usually its own
 * segment).
 */
final class Pieces {

	private Pieces() {
	}

	static int write(OutputStream out, byte[] buffer, int length, Random random) throws IOException {
		int writes = 0;
		int offset = 0;
		while (offset < length) {
			int piece = (random.nextInt(10) < 7) ? 1 + random.nextInt(16) : 1 + random.nextInt(512);
			piece = Math.min(piece, length - offset);
			out.write(buffer, offset, piece);
			out.flush();
			offset += piece;
			writes++;
		}
		return writes;
	}

}
