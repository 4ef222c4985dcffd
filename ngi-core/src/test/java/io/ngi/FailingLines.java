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
