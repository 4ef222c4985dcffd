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

/**
 * The sizes of the reliability scenarios: the CI size by default, the full size with
 * {@code -Dngi.reliability.scale=full}, or any one count with
 * {@code -Dngi.reliability.<name>=<n>}.
 */
final class Scale {

	private Scale() {
	}

	static boolean full() {
		return "full".equals(System.getProperty("ngi.reliability.scale", "ci"));
	}

	/**
	 * Returns the count for one scenario.
	 * @param name the count's name, as in {@code -Dngi.reliability.<name>}
	 * @param ci the CI size
	 * @param full the full size
	 * @return the count to use
	 */
	static int count(String name, int ci, int full) {
		String value = System.getProperty("ngi.reliability." + name);
		if (value != null && !value.isBlank()) {
			return Integer.parseInt(value.trim());
		}
		return full() ? full : ci;
	}

	static void report(String scenario, String figures) {
		System.out.println("[reliability] " + scenario + ": " + figures);
	}

}
