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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A child JVM running a main class of the test sources under a given open-file limit
 * ({@code bash -c "ulimit -n N; exec java ..."}), with its output lines collected.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		Thread reader = new Thread(this::readOutput, "child-jvm-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts {@code mainClass} with the open-file limit {@code openFiles}, on the test
	 * classpath minus the jars it does not need.
	 */
	static ChildJvm start(int openFiles, Class<?> mainClass, String... args) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add("bash");
		command.add("-c");
		command.add("ulimit -n " + openFiles + " && exec \"$0\" \"$@\"");
		command.add(java);
		command.add("-Xmx256m");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(classpath());
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new ChildJvm(process);
	}

	private static String classpath() {
		List<String> kept = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = new File(entry).getName();
			if (new File(entry).isDirectory() || name.startsWith("slf4j") || name.startsWith("logback")
					|| name.startsWith("jspecify")) {
				kept.add(entry);
			}
		}
		return String.join(File.pathSeparator, kept);
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			this.lines.add("(reading the child's output failed: " + ex + ")");
		}
	}

	List<String> lines() {
		return List.copyOf(this.lines);
	}

	long count(String fragment) {
		return this.lines.stream().filter((line) -> line.contains(fragment)).count();
	}

	/**
	 * Returns the value after {@code prefix} on the first output line that starts with
	 * it, or null.
	 */
	String valueOf(String prefix) {
		return this.lines.stream()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.substring(prefix.length()).trim())
			.findFirst()
			.orElse(null);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Process process() {
		return this.process;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
