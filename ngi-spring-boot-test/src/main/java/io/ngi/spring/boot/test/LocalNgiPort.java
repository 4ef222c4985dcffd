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

package io.ngi.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the port a named NGI listener bound ({@code local.ngi.<name>.port}) into a
 * field of a test class, as Boot's {@code @LocalServerPort} does for the web server. With
 * {@code ngi.ephemeral-ports=true} every listener of a {@code @SpringBootTest} binds a
 * free port, and this is how the test learns it:
 *
 * {@snippet :
 * &#64;SpringBootTest(properties = "ngi.ephemeral-ports=true")
 * class EchoApplicationTests {
 *
 * 	&#64;LocalNgiPort("echo")
 * 	int echoPort;
 *
 * }
 * }
 *
 * The field ({@code int}, {@code Integer}, {@code long} or {@code String}) is set before
 * each test instance is used. A name with no bound port fails the test, naming the
 * listeners that have one.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LocalNgiPort {

	/**
	 * The listener's name, as in {@code @NgiServer(name = ...)}.
	 * @return the name
	 */
	String value();

}
