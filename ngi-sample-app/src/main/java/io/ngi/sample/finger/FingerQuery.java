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

package io.ngi.sample.finger;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A finger query line, parsed as RFC 1288 defines it:
 *
 * <pre>
 * {Q1} ::= [{W}|{W}{S}{U}]{C}       "", "alice", "/W alice"
 * {Q2} ::= [{W}{S}][{U}]{H}{C}      "alice@host", "@host" (forwarding)
 * {W}  ::= "/W"  (verbose)          {S} ::= one or more spaces   {C} ::= CRLF
 * </pre>
 *
 * @param verbose whether the query asked for verbose output ({@code /W})
 * @param user the user asked about, empty for a list of users
 * @param host the host to forward the query to ({@code user@host}), or {@code null}
 */
record FingerQuery(boolean verbose, String user, @Nullable String host) {

	FingerQuery {
		Objects.requireNonNull(user, "user");
	}

	/**
	 * Parses a query line.
	 * @param line the line without its CRLF
	 * @return the query; any text parses (a user that does not exist is the lookup's
	 * business)
	 */
	static FingerQuery parse(String line) {
		String rest = line.strip();
		boolean verbose = false;
		if ((rest.startsWith("/W") || rest.startsWith("/w"))
				&& (rest.length() == 2 || Character.isWhitespace(rest.charAt(2)))) {
			verbose = true;
			rest = rest.substring(2).strip();
		}
		int at = rest.indexOf('@');
		if (at >= 0) {
			return new FingerQuery(verbose, rest.substring(0, at), rest.substring(at + 1));
		}
		return new FingerQuery(verbose, rest, null);
	}

	/**
	 * Returns the query as a line to send to a finger server, without its CRLF.
	 * @return for example {@code "/W alice"}
	 */
	String toLine() {
		String target = (this.host != null) ? this.user + "@" + this.host : this.user;
		if (!this.verbose) {
			return target;
		}
		return target.isEmpty() ? "/W" : "/W " + target;
	}

}
