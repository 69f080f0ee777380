/* cx_metrics: the install script, part 3: the touchpoint schema (new in 0.2.0). */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit
