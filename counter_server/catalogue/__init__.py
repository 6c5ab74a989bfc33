"""The procedure catalogue (danh mục thủ tục hành chính): records in the national procedure
database's structure, their validation, and import/export as one transaction."""
