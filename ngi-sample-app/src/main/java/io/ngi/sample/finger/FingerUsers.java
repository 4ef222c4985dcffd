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

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The users the finger service knows and their statuses: those of the users file, and
 * those set through {@code finger-setter}. The latest change wins: a status set through
 * the setter stays until the users file changes that user's line (adds, changes or
 * removes it), and a reload that leaves a user's line as it was keeps the status set
 * since.
 * <p>
 * Thread-safe. Lookups take no lock, so the loops that answer queries never wait for a
 * reload or a setter; a set costs O(1), a reload O(users).
 */
final class FingerUsers {

	/**
	 * The most users the setter may add on top of the users file; it keeps memory bounded
	 * whatever clients send.
	 */
	static final int MAX_SET_USERS = 10_000;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

	private volatile Map<String, String> fileUsers = Map.of();

	private final Map<String, String> setUsers = new ConcurrentHashMap<>();

	/**
	 * Returns whether {@code name} is a user name: 1 to 32 ASCII letters, digits,
	 * {@code '.'}, {@code '_'} or {@code '-'}, as Unix login names are.
	 * @param name the name to check
	 * @return whether it is valid
	 */
	static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Returns a user's status.
	 * @param user the user name
	 * @return the status, or {@code null} if there is no such user
	 */
	@Nullable String status(String user) {
		String status = this.setUsers.get(user);
		return (status != null) ? status : this.fileUsers.get(user);
	}

	/**
	 * Returns every user and status, sorted by name.
	 * @return a new snapshot
	 */
	SortedMap<String, String> all() {
		TreeMap<String, String> all = new TreeMap<>(this.fileUsers);
		all.putAll(this.setUsers);
		return all;
	}

	/**
	 * Sets a user's status, as the setter does.
	 * @param user a valid user name
	 * @param status the status
	 * @return {@code false} if the user is new and {@value #MAX_SET_USERS} users were set
	 * already
	 */
	synchronized boolean set(String user, String status) {
		if (!isValidName(user)) {
			throw new IllegalArgumentException("user must be a valid user name: " + user);
		}
		Objects.requireNonNull(status, "status");
		if (!this.setUsers.containsKey(user) && this.setUsers.size() >= MAX_SET_USERS) {
			return false;
		}
		this.setUsers.put(user, status);
		return true;
	}

	/**
	 * Replaces the users of the users file. A user whose line changed (added, changed or
	 * removed) loses a status set through the setter; the others keep it.
	 * @param users the users of the file just read, with their statuses
	 */
	synchronized void replaceFileUsers(Map<String, String> users) {
		Map<String, String> next = Map.copyOf(users);
		Set<String> names = new HashSet<>(this.fileUsers.keySet());
		names.addAll(next.keySet());
		for (String name : names) {
			if (!Objects.equals(this.fileUsers.get(name), next.get(name))) {
				this.setUsers.remove(name);
			}
		}
		this.fileUsers = next;
	}

}
