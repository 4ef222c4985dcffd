/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
