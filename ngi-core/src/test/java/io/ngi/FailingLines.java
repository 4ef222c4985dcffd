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

package io.ngi;

import java.util.Iterator;

/**
 * A {@code writeLines} source for tests: one line, then the iterator throws.
 */
public final class FailingLines {

	private FailingLines() {
	}

	/**
	 * Returns an iterable whose iterators yield {@code line} and then throw
	 * {@code failure}.
	 * @param line the one line produced
	 * @param failure what {@code next()} throws after it
	 * @return the iterable
	 */
	public static Iterable<byte[]> after(byte[] line, RuntimeException failure) {
		return () -> new Iterator<>() {

			private boolean first = true;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public byte[] next() {
				if (this.first) {
					this.first = false;
					return line;
				}
				throw failure;
			}

		};
	}

}
