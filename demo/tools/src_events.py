from articles import A
GROUPS = {}
ITEMS = []
