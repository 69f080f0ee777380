/* cx_metrics: upgrade from 0.3.0 to 0.4.0, written by hand. */

\echo Use "ALTER EXTENSION cx_metrics UPDATE" to load this file. \quit
