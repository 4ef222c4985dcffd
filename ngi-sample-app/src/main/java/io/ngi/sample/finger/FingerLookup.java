package io.ngi.sample.finger;

import java.util.concurrent.CompletionStage;

/**
 * Answers finger queries for {@link FingerServer}: the tutorial's {@code getUser}, which
 * returns a Deferred. The protocol stays the same whatever answers: the local users
 * ({@link LocalLookup}) or an upstream server ({@link ProxyLookup}).
 */
@FunctionalInterface
interface FingerLookup {

	/**
	 * Starts answering a query; called on the connection's loop thread, so it must not
	 * block. The stage may complete on any thread. A stage that fails with an
	 * {@link UpstreamException} answers its message; any other failure answers
	 * {@code "Internal error in server"} and is logged.
	 * @param query the query, never a forwarding one ({@code user@host} is refused
	 * before)
	 * @return the answer text; a CRLF is added if it does not end with a line feed
	 */
	CompletionStage<String> answer(FingerQuery query);

}
