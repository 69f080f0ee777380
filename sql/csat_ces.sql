/* cx_metrics: the install script, part 2: CSAT and CES (new in 0.2.0). */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit
