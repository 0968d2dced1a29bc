/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers. */
final class Sql {
  private Sql() {}

  static String meta(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT v FROM meta WHERE k = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void setMeta(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE meta SET v = ? WHERE k = ?")) {
      ps.setString(1, value);
      ps.setString(2, key);
      ps.executeUpdate();
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }
}
