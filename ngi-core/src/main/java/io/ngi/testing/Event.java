package io.ngi.testing;

/**
 * An event queued for delivery to a {@link TestConnection}'s handler.
 */
sealed interface Event {

	/**
	 * Input for {@code handleInput}.
	 *
	 * @param data the bytes, owned by the event
	 */
	record Input(byte[] data) implements Event {

		Input merge(Input next) {
			byte[] merged = new byte[this.data.length + next.data.length];
			System.arraycopy(this.data, 0, merged, 0, this.data.length);
			System.arraycopy(next.data, 0, merged, this.data.length, next.data.length);
			return new Input(merged);
		}

	}

	/**
	 * A close for {@code handleClose}.
	 *
	 * @param reason the reason
	 * @param afterClose whether it is delivered although the connection is already closed
	 * (the {@code "stopped"} notice of a closing listener)
	 */
	record Close(String reason, boolean afterClose) implements Event {
	}

	/**
	 * A {@code writeLines} failure for {@code handleException}.
	 *
	 * @param exception the failure
	 */
	record Failure(Exception exception) implements Event {
	}

}
