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

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers from the local {@link FingerUsers}: a user's status, {@code "No such user"},
 * or, for an empty query, every user and status, one per line. The answer is ready at
 * once (the tutorial's {@code defer.succeed}). Thread-safe.
 */
final class LocalLookup implements FingerLookup {

	/** The answer for a user nobody set. */
	static final String NO_SUCH_USER = "No such user";

	/** The answer to an empty query when there are no users. */
	static final String NO_USERS = "No users";

	private final FingerUsers users;

	/**
	 * Creates the lookup.
	 * @param users the users to answer from
	 */
	LocalLookup(FingerUsers users) {
		this.users = Objects.requireNonNull(users, "users");
	}

	@Override
	public CompletionStage<String> answer(FingerQuery query) {
		if (query.user().isEmpty()) {
			return CompletableFuture.completedFuture(list(this.users.all()));
		}
		String status = this.users.status(query.user());
		return CompletableFuture.completedFuture((status != null) ? status : NO_SUCH_USER);
	}

	private static String list(SortedMap<String, String> all) {
		if (all.isEmpty()) {
			return NO_USERS;
		}
		int width = 0;
		for (String user : all.keySet()) {
			width = Math.max(width, user.length());
		}
		StringBuilder answer = new StringBuilder();
		for (Map.Entry<String, String> entry : all.entrySet()) {
			answer.append(entry.getKey());
			answer.append(" ".repeat(width - entry.getKey().length() + 2));
			answer.append(entry.getValue()).append("\r\n");
		}
		return answer.toString();
	}

}
