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
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for NGI servers, as {@code @WebMvcTest} is for controllers: the context
 * holds only the NGI components found by component scanning ({@code @NgiServer},
 * {@code @NgiUdpHandler} and {@code @NgiClient} classes, and components implementing
 * {@link io.ngi.Server}, {@link io.ngi.ConnectionHandler} or {@link io.ngi.UdpHandler})
 * and the NGI auto-configuration, with the listeners opened on a
 * {@link io.ngi.testing.TestingImplementation}: no socket, no thread, every event
 * delivered inside the call that causes it. Tests drive the listeners through the
 * {@link NgiTestClient} bean. {@code @NgiClient} beans connect in memory, to the slice's
 * listeners or to upstreams the test stands up with {@link NgiTestClient#listen}, and
 * wait their backoff in virtual time ({@link NgiTestClient#advance}).
 * <p>
 * Other components ({@code @Service}, {@code @Repository}, {@code @Controller},
 * {@code @Configuration} classes) are not scanned; provide collaborators with
 * {@code @MockitoBean} or {@code @Import}. In particular an {@code @NgiServer}
 * {@code @Bean} method of a configuration class is only loaded when the test imports that
 * configuration. Types can be added to the default includes of every {@code @NgiTest}
 * with a {@code META-INF/spring/io.ngi.spring.boot.test.NgiTest.includes} file.
 * <p>
 * After each test method, a handler exception the testing implementation recorded fails
 * the test with that exception (consume expected ones with
 * {@code client.implementation().takeHandlerErrors()}), and connections the test opened
 * through {@link NgiTestClient} and left open are closed. Test methods that share one
 * cached context take turns: each holds that context's NGI client from before the method
 * to after it (the {@code @BeforeEach} and {@code @AfterEach} methods included), so test
 * classes may run in parallel. Handler exceptions recorded outside test methods (for
 * example in {@code @BeforeAll}) are logged and dropped when the next method starts. A
 * test method must not itself launch another test that uses the same context: it would
 * wait for its own turn.
 *
 * {@snippet :
 * &#64;NgiTest
 * class EchoServerTests {
 *
 * 	&#64;Autowired
 * 	NgiTestClient ngi;
 *
 * 	&#64;Test
 * 	void echoes() {
 * 		TestConnection client = this.ngi.connect("echo");
 * 		client.write("hi".getBytes(StandardCharsets.UTF_8));
 * 		assertThat(client.output()).isEqualTo("-> 'hi'");
 * 	}
 *
 * }
 * }
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(NgiTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(NgiTypeExcludeFilter.class)
@AutoConfigureNgi
@ImportAutoConfiguration
public @interface NgiTest {

	/**
	 * Returns properties in {@code key=value} form to add to the Spring
	 * {@link Environment} before the test runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * Returns how the slice's testing implementation cuts each write before an
	 * application handler gets it: {@code "NONE"} (whole writes, the default),
	 * {@code "BYTES"} (one byte per {@code handleInput}) or {@code "RANDOM(<seed>)"}
	 * (random cuts, reproducible from the seed); see
	 * {@link io.ngi.testing.Fragmentation}. Framing that depends on where a stream is cut
	 * then fails in the slice test, not in production. Mapped to the property
	 * {@code ngi.test.fragmentation}.
	 * @return the fragmentation
	 */
	@PropertyMapping("ngi.test.fragmentation")
	String fragmentation() default "NONE";

	/**
	 * Specifies the NGI server and UDP handler components to scan, as an alias of
	 * {@link #servers()}.
	 * @return the components to scan
	 * @see #servers()
	 */
	@AliasFor("servers")
	Class<?>[] value() default {};

	/**
	 * Specifies the {@code @NgiServer} and {@code @NgiUdpHandler} components to scan.
	 * Empty means all of them; otherwise only these, together with handler components
	 * that carry neither annotation.
	 * @return the components to scan
	 */
	@AliasFor("value")
	Class<?>[] servers() default {};

	/**
	 * Returns whether the default filters apply: {@code true} scans the NGI components
	 * described above; {@code false} scans only what {@link #includeFilters()} names.
	 * @return whether the default filters apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Returns filters that add components to the scan.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Returns filters that remove components from the scan.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Returns auto-configuration classes to leave out of this test.
	 * @return the auto-configurations to exclude
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
