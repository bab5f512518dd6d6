{#-
    Schema names. The package defines no `generate_schema_name` (dbt would
    then use it for this package's relations even inside a host project that
    has its own); it defines dbt's dispatched default instead, which dbt
    looks up in the root project first (search order [root project, dbt]):

    - this repository as the root project: `default__generate_schema_name`
      below applies. With var mta_schema_layout = exact (set in
      dbt_project.yml) a custom schema is used as is (staging, intermediate,
      marts, audit, exports, reference) on every target; with `host`,
      dbt's default `<target schema>_<custom schema>`;
    - installed as a package: the host's `generate_schema_name` (or dbt's
      default) names every schema; this macro is not consulted unless the
      host lists this package in its `dispatch` search order for `dbt` and
      sets mta_schema_layout: exact (then only this package's relations get
      the exact names).
-#}
{% macro default__generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is not none
        and mta.schema_layout() == 'exact'
        and (node is none or node.package_name == 'mta') -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ dbt.default__generate_schema_name(custom_schema_name, node) }}
    {%- endif -%}
{%- endmacro %}
